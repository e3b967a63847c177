/**
 * `-m ipvs` as `iptables -L` prints it, read back into its options. libxt_ipvs's `ipvs_mt_print` calls
 * `ipvs_mt_dump` with an empty prefix: each option the rule has, in the struct's bit order (ipvs, vproto,
 * vaddr, vport, vdir, vmethod, vportctl), as `[! ]name value` — `vproto 6 vaddr 10.96.0.1 vport 443`,
 * the protocol as its number, the address without `/32`, and (without `-n`) an all-zero address as
 * `anywhere`. This kernel has no ip_vs module, so no `-m ipvs` rule loads and `iptables -L` cannot show
 * one; `iptables-legacy-restore --test -v` parses with the real extension and prints with the same
 * `print` callback (checked in netfilter/match-ipvs.test.ts), which is where this layout comes from.
 */

/** The words `ipvs_mt_dump` prints, each the name of the option it came from, in the order it prints them. */
const OPTION_ORDER: readonly string[] = ['ipvs', 'vproto', 'vaddr', 'vport', 'vdir', 'vmethod', 'vportctl'];

/** Whether `word` (after an optional `!`) starts the printed text of an ipvs match. */
export function isIpvsWord(word: string): boolean {
  return OPTION_ORDER.includes(word);
}

export interface WordReader {
  peek(k?: number): string | undefined;
  next(): string | undefined;
}

/**
 * Reads the ipvs options starting at `first` (already taken, `invert` when a `!` came before it) and the
 * ones printed after it, into `-m ipvs …` arguments. One match prints its options in OPTION_ORDER, each at
 * most once, so an option that does not come after the previous one starts another `-m ipvs`. Two matches
 * whose options happen to follow that order (`-m ipvs --vproto 6 -m ipvs --vport 80`) print exactly as one
 * match with both options does; they are read as that one match, which asks the same of the packet.
 */
export function readIpvsWords(first: string, invert: boolean, w: WordReader): string[] {
  const out: string[] = ['-m', 'ipvs'];
  let previous = -1;
  let word = first;
  let neg = invert;
  for (;;) {
    const position = OPTION_ORDER.indexOf(word);
    if (position <= previous) out.push('-m', 'ipvs');
    previous = position;
    const bang = neg ? ['!'] : [];
    if (word === 'ipvs') out.push(...bang, '--ipvs');
    else {
      const value = w.next() ?? '';
      // `anywhere` is ipvs_mt_dump_addr's all-zero address without -n, printed without its mask (so read as /0).
      out.push(...bang, `--${word}`, word === 'vaddr' && value === 'anywhere' ? '0.0.0.0/0' : value);
    }
    // The next option of the same match, possibly inverted; anything else ends the match.
    const after = w.peek();
    if (after === '!' && isIpvsWord(w.peek(1) ?? '')) {
      w.next();
      word = w.next()!;
      neg = true;
    } else if (after !== undefined && isIpvsWord(after)) {
      word = w.next()!;
      neg = false;
    } else return out;
  }
}
