import type { Page } from '@playwright/test';

/**
 * English that leaks into the Korean UI: every visible text of the page, minus what stays as the tools
 * print it (code, rule text, chain and target names, addresses, names of pods, nodes and Services),
 * scanned for Latin words of three letters or more. The allow-list is explicit and small: the product's
 * name and the tool and table names Korean writers keep in Latin letters.
 */
export const ALLOWED_WORDS: readonly string[] = [
  // Tools, kernel parts and devices, written in Latin letters in Korean texts too (the study notes do).
  'iptables', 'conntrack', 'netfilter', 'veth',
  // kube-proxy's other two modes' tools, and nft's random-number expression, as the notes and nft print them.
  'nftables', 'ipvsadm', 'numgen',
  // The conntrack match's state option, as `-m conntrack --ctstate NEW` spells it (the narration names states with it).
  'ctstate',
  // Table names as iptables spells them (`-t nat`).
  'nat', 'filter', 'raw', 'mangle', 'security',
  // Kubernetes kinds and a node role, as kubectl prints them.
  'Pod', 'Service', 'Cluster', 'Node', 'Deployment', 'worker',
];

/** Whole phrases kept as they are: proper nouns (the product, a library's credit, a language's own name) and a component. */
export const ALLOWED_PHRASES: readonly string[] = ['Kube Packet Lab', 'React Flow', 'English', 'kube-proxy'];

/**
 * Places whose English is known and owned elsewhere, skipped until their owners render Korean; each
 * names the file that must change. `pendingFixed` fails once one of them no longer leaks, so this list
 * only shrinks.
 */
export const PENDING: readonly { readonly selector: string; readonly owner: string }[] = [
];

/** Elements whose text is code or printed output, kept verbatim in every language. */
const CODE_SELECTOR = 'code, pre, kbd, samp, .monaco-editor, .rules-text, [data-verbatim]';

/** Text that stays as printed: IPs (with mask or port), UPPERCASE names (chains, targets, TCP, SYN…), names with digits or dashes. */
const VERBATIM: readonly RegExp[] = [
  // Kubernetes object references: Pod/webpod1, default/svc-clusterip:svc-webport.
  /[\w.-]+\/[\w.-]+(?::[\w.-]+)?/g,
  // API fields with their value (externalTrafficPolicy: Local), API fields and types (loadBalancerSourceRanges, NodePort), snake_case (route_localnet).
  /\b[a-z]+[A-Z][A-Za-z0-9]*: [A-Za-z]+\b/g,
  /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g,
  /\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b/g,
  /\b\w+_\w+\b/g,
  /\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?::\d+)?\b/g,
  // A Service or name with its port: kubernetes:443.
  /\b[a-z][\w-]*:\d+\b/g,
  /\b[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*\b/g,
  /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g,
  /\b[A-Za-z0-9]*\d[A-Za-z0-9]*\b/g,
];

export interface Leak {
  readonly word: string;
  readonly text: string;
  /** The nearest labelled place (a region's or control's name, or a test id), to find the string's owner. */
  readonly where: string;
}

interface Seen {
  readonly text: string;
  readonly where: string;
}

/** Visible text nodes outside code, each with the nearest element's text for context. */
async function visibleTexts(page: Page, skip: string, within?: string): Promise<Seen[]> {
  return page.evaluate(([codeSelector, skipSelector, withinSelector]) => {
    const out: { text: string; where: string }[] = [];
    const placeOf = (el: Element): string => {
      const labelled = el.closest('[aria-label], [data-testid], dialog, header, [role="region"]');
      if (!labelled) return 'page';
      return labelled.getAttribute('aria-label') ?? labelled.getAttribute('data-testid') ?? labelled.tagName.toLowerCase();
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!text.trim()) continue;
      const el = n.parentElement;
      if (!el || el.closest(codeSelector)) continue;
      if (skipSelector && el.closest(skipSelector)) continue;
      if (withinSelector && !el.closest(withinSelector)) continue;
      // <option>s are listed whether or not their select is open: their words are on screen once it opens.
      if (el.closest('option')) {
        out.push({ text, where: placeOf(el) });
        continue;
      }
      if (el.closest('script, style, noscript, template')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      out.push({ text, where: placeOf(el) });
    }
    return out;
  }, [CODE_SELECTOR, skip, within ?? ''] as const);
}

export function leaksIn(texts: readonly (string | Seen)[]): Leak[] {
  const allowed = new Set(ALLOWED_WORDS.map((w) => w.toLowerCase()));
  const leaks: Leak[] = [];
  for (const seen of texts) {
    const { text, where } = typeof seen === 'string' ? { text: seen, where: '' } : seen;
    let rest = ALLOWED_PHRASES.reduce((t, w) => t.split(w).join(' '), text);
    for (const re of VERBATIM) rest = rest.replace(re, ' ');
    for (const word of rest.match(/[A-Za-z]{3,}/g) ?? []) if (!allowed.has(word.toLowerCase())) leaks.push({ word, text: text.trim().slice(0, 160), where });
  }
  return leaks;
}

/** English words on the page outside code and outside the PENDING places, with the text they were found in. */
export async function englishOnPage(page: Page): Promise<Leak[]> {
  return leaksIn(await visibleTexts(page, PENDING.map((p) => p.selector).join(', ')));
}

/** PENDING places on screen that no longer leak English: their exemption must go. */
export async function pendingFixed(page: Page): Promise<string[]> {
  const fixed: string[] = [];
  for (const p of PENDING) {
    const texts = await visibleTexts(page, '', p.selector);
    if (texts.length > 0 && leaksIn(texts).length === 0) fixed.push(p.owner);
  }
  return fixed;
}
