import type { ConformanceCase } from './conformance.js';
import { REQUEST_CASES } from './conformance-cases-requests.js';
import { AUDIT_CASES } from './conformance-cases-audit.js';

export const CASES: ConformanceCase[] = [...REQUEST_CASES, ...AUDIT_CASES];
