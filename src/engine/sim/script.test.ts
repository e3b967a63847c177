/**
 * The script format of `kpl trace --script`: what each step parses to, where a bad step is reported
 * (line:col), and that every printed script parses back to the same steps (property).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';
import { parseScript, printScript, ScriptError, type ScriptStep } from './script';

const steps = (text: string): ScriptStep[] => parseScript(text).map((l) => l.step);

function errorOf(text: string): string {
  try {
    parseScript(text);
  } catch (e) {
    if (e instanceof ScriptError) return `${e.line}:${e.col}: ${e.reason}`;
    throw e;
  }
  return 'no error';
}

describe('script steps', () => {
  it('reads each kind of step, skipping comments and blank lines', () => {
    expect(
      parseScript(`# a resolver
connect --from client --to udp-echo:5353 --proto udp --sport 40000

wait 1m30s   # comment after a step
scale web 3 --namespace shop
remove-endpoint 10.10.2.2
conntrack
conntrack --node myk8s-worker
connect --from external --to myk8s-worker:30080 --via myk8s-worker
connect --from net-pod --to web:80 --sport 41000 --keep-open
send --from net-pod --to web:80 --sport 41000
`),
    ).toEqual([
      { line: 2, step: { kind: 'connect', from: 'client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 } },
      { line: 4, step: { kind: 'wait', ms: 90_000 } },
      { line: 5, step: { kind: 'scale', deployment: 'web', namespace: 'shop', replicas: 3 } },
      { line: 6, step: { kind: 'remove-endpoint', ip: '10.10.2.2' } },
      { line: 7, step: { kind: 'conntrack' } },
      { line: 8, step: { kind: 'conntrack', node: 'myk8s-worker' } },
      { line: 9, step: { kind: 'connect', from: 'external', to: 'myk8s-worker:30080', via: 'myk8s-worker' } },
      { line: 10, step: { kind: 'connect', from: 'net-pod', to: 'web:80', sport: 41000, keepOpen: true } },
      { line: 11, step: { kind: 'send', from: 'net-pod', to: 'web:80', sport: 41000 } },
    ]);
  });

  it.each([
    ['jump 5s', '1:1: unknown step "jump" (steps: connect, send, wait, scale, remove-endpoint, conntrack)'],
    ['send --from a --to b', '1:1: send needs --sport N: the source port of the connection it continues'],
    ['send --from a --to b --sport 1 --keep-open', '1:32: unknown option --keep-open (options: --from, --to, --via, --proto, --sport)'],
    ['connect --from a --to b --keep-open yes', '1:37: unexpected "yes"'],
    ['\n  wait 5 seconds', '2:8: "5" is not a duration (write e.g. 30s, 2m, 1h30m, 500ms)'],
    ['wait', '1:5: usage: wait DURATION (e.g. 30s, 2m, 1h30m, 500ms)'],
    ['wait 400d', '1:6: a wait is at most 366d (got 400d)'],
    ['connect --to web', '1:1: connect needs --from SRC'],
    ['connect --from a --to b --proto icmp', '1:33: --proto must be tcp or udp (got "icmp")'],
    ['connect --from a --to b --sport 70000', '1:33: --sport must be a whole number from 1 to 65535 (got "70000")'],
    ['connect --from a --to b --port 80', '1:25: unknown option --port (options: --from, --to, --via, --proto, --sport, --keep-open)'],
    ['connect --from a --from b --to c', '1:18: --from is given twice'],
    ['connect --from --to c', '1:9: --from needs a value'],
    ['scale web', '1:10: usage: scale DEPLOYMENT REPLICAS [--namespace NS]'],
    ['scale Web 2', '1:7: "Web" is not a Deployment name'],
    ['scale web two', '1:11: REPLICAS must be a whole number from 0 to 1000 (got "two")'],
    ['remove-endpoint 10.10.300.1', '1:17: "10.10.300.1" is not an IPv4 address'],
    ['remove-endpoint 10.10.1.2 now', '1:27: unexpected "now"'],
  ])('locates the mistake in %j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('durations: Go-style units, printed in the shortest form', () => {
    expect([parseDuration('30s'), parseDuration('2m'), parseDuration('1h30m'), parseDuration('250ms'), parseDuration('1d'), parseDuration('3'), parseDuration('s')]).toEqual([30_000, 120_000, 5_400_000, 250, 86_400_000, undefined, undefined]);
    expect([formatDuration(90_000), formatDuration(1_500), formatDuration(0), formatDuration(86_400_000)]).toEqual(['1m30s', '1s500ms', '0s', '1d']);
  });

  const word = fc.stringMatching(/^[a-z0-9][a-z0-9.:-]{0,20}$/);
  const name = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const step: fc.Arbitrary<ScriptStep> = fc.oneof(
    fc.record(
      { kind: fc.constant('connect' as const), from: word, to: word, via: word, protocol: fc.constantFrom('tcp' as const, 'udp' as const), sport: fc.integer({ min: 1, max: 65535 }), keepOpen: fc.constant(true as const) },
      { requiredKeys: ['kind', 'from', 'to'] },
    ),
    fc.record(
      { kind: fc.constant('send' as const), from: word, to: word, via: word, protocol: fc.constantFrom('tcp' as const, 'udp' as const), sport: fc.integer({ min: 1, max: 65535 }) },
      { requiredKeys: ['kind', 'from', 'to', 'sport'] },
    ),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 366 * 86_400_000 }) }),
    fc.record({ kind: fc.constant('scale' as const), deployment: name, namespace: name, replicas: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ kind: fc.constant('remove-endpoint' as const), ip: fc.ipV4() }),
    fc.record({ kind: fc.constant('conntrack' as const), node: word }, { requiredKeys: ['kind'] }),
  );

  it('every printed script parses back to the same steps (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (list) => {
        expect(steps(printScript(list))).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });

  it('a duration prints to text that reads back to it (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 366 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms));
  });
});
