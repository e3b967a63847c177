/** The study notes' real dumps, offered as example imports (the files beside the scenarios). */
export { DUMP_EXAMPLES as IMPORT_EXAMPLES, type DumpExample as ImportExample } from '../../scenarios/dumps/index';
