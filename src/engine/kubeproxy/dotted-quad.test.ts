import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIpv4 } from '../ipv4';
import { isDottedQuad } from './dotted-quad';

describe('isDottedQuad', () => {
  it('accepts what parseIpv4 accepts, on the edge cases', () => {
    const cases = ['0.0.0.0', '255.255.255.255', '10.96.0.1', '256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.', '.1.2.3', '1..2.3', '1.2.3.4.5', '', '1.2.3.a', '1.2.3.1000', ' 1.2.3.4', '١.2.3.4', '1.2.3.00'];
    for (const c of cases) expect(isDottedQuad(c), c).toBe(parseIpv4(c) !== undefined);
  });

  it('agrees with parseIpv4 on any string made of digits and dots, and on any string', () => {
    const digitsAndDots = fc.array(fc.constantFrom('0', '1', '2', '5', '9', '.'), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(digitsAndDots, fc.string()), (s) => isDottedQuad(s) === (parseIpv4(s) !== undefined)), { numRuns: 5000, seed: 7 });
  });
});
