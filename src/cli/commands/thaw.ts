// `countersign thaw --reason "..."` (admin).
import { freezeVerb } from './freeze.js';

export const run = (argv: string[]): Promise<number> => freezeVerb('thaw', argv);
