import { describe, expect, it } from 'vitest';
import { latestWins } from './latest-wins';

describe('latestWins', () => {
  it('runs at once when idle, and only the newest of the requests that arrive meanwhile', async () => {
    const started: string[] = [];
    const rendered: string[] = [];
    const gates: (() => void)[] = [];
    const send = latestWins<string>(async (v, superseded) => {
      started.push(v);
      await new Promise<void>((resolve) => gates.push(resolve));
      if (!superseded()) rendered.push(v);
    });
    send('a');
    send('ab');
    send('abc');
    expect(started).toEqual(['a']);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // 'a' was superseded while it ran, so it is not rendered; 'ab' never runs.
    expect(started).toEqual(['a', 'abc']);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(rendered).toEqual(['abc']);
  });
});
