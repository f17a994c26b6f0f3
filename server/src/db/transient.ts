/** True when an error means "the database cannot be reached right now" (retry later), not a bug. */
export function isTransientDbError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08003',
      '08006',
      '08001',
      '08004',
      '53300',
    ].includes(code)
  ) {
    return true;
  }
  const msg = typeof err.message === 'string' ? err.message : '';
  if (/Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(msg))
    return true;
  return err.cause !== undefined && err.cause !== e ? isTransientDbError(err.cause) : false;
}

/** deadlock_detected and serialization_failure: the transaction was rolled back and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/** True when `e` (or its cause) is a deadlock or a serialization failure. */
export function isRetryableTxError(e: unknown): boolean {
  for (let err = e, depth = 0; typeof err === 'object' && err !== null && depth < 5; depth++) {
    const { code, cause } = err as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && RETRYABLE.has(code)) return true;
    err = cause;
  }
  return false;
}
