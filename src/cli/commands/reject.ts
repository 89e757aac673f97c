// `countersign reject <id> --reason "..."`.
import { decideVerb } from './approve.js';

export const run = (argv: string[]): Promise<number> => decideVerb('reject', argv);
