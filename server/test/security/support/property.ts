// fast-check with reports that stay readable: hostile inputs can be hundreds of kilobytes, so the
// counterexample is cut short (the error that made the property fail is shown in full).
import fc from 'fast-check';

const MAX_REPORT = 4_000;

export async function checkProperty<T>(property: fc.IAsyncPropertyWithHooks<T>, params: fc.Parameters<T>): Promise<void> {
  const details = await fc.check(property, { endOnFailure: true, ...params });
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const input = JSON.stringify(details.counterexample, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v,
  );
  throw new Error(
    `property failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath}):\n${error}\ninput: ${(input ?? '').slice(0, MAX_REPORT)}`,
  );
}
