/** The study notes' real dumps, offered as example imports (the files beside the scenarios). */
import kindDump from '../../scenarios/dumps/kind-worker-nat-S.txt?raw';
import eksDump from '../../scenarios/dumps/eks-node-L.txt?raw';

export const IMPORT_EXAMPLES = { kind: kindDump, eks: eksDump } as const;
export type ImportExample = keyof typeof IMPORT_EXAMPLES;
