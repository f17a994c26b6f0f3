import { ERROR_TABLE, ErrorCode, ruleRejectionCodes, type ErrorInfo } from '@starhold/common';

/** One code's documentation: its row of the one error table (common/src/protocol/errors.ts). */
export type ErrorDoc = ErrorInfo;

/** Every error code with its status and meaning, read from `ERROR_TABLE` (no second table here). */
export const ERROR_DOCS: Readonly<Record<ErrorCode, ErrorDoc>> = ERROR_TABLE;

/** The codes of ErrorCode that have no entry (none: the table defines the codes). Kept for the documentation test. */
export function undocumentedErrorCodes(): ErrorCode[] {
  return Object.values(ErrorCode).filter((c) => !(c in ERROR_TABLE));
}

/** Rule rejections of commands: answered with status 422 on REST and as `rejected` outcomes. */
export function ruleErrorCodes(): ErrorCode[] {
  return ruleRejectionCodes();
}
