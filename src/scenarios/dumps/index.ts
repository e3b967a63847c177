/// <reference types="vite/client" />
/**
 * The study notes' real node dumps, bundled as they are on disk (Vite's `?raw`): the Import dialog's examples
 * and the dumps lesson 19 reads. Node code outside Vite (the CLI) reads the files beside this one instead.
 */
import kindDump from './kind-worker-nat-S.txt?raw';
import eksDump from './eks-node-L.txt?raw';
// kube-proxy's nftables proxier's test fixture as the real nft 1.0.6 lists it (test-vectors/nftables/).
import nftDump from './kube-proxy-nft-list-ruleset.txt?raw';

export const DUMP_EXAMPLES = { kind: kindDump, eks: eksDump, nft: nftDump } as const;
export type DumpExample = keyof typeof DUMP_EXAMPLES;
