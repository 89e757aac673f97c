export { reduce } from './reduce.js';
export { canApprove, canBreakGlass, checkApprover } from './eligibility.js';
export { actionDigest, type DigestInput } from './digest.js';
export type { ApprovalEvent, ApprovalEventType, ReduceCtx, ReduceResult } from './events.js';
export { uncovered, type Judgement } from './covers.js';
