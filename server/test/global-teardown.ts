// Jest globalTeardown: stops the embedded PostgreSQL started by ./global-setup.ts (same process).
import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__starholdTestPostgres;
  if (!state) return;
  globalThis.__starholdTestPostgres = undefined;
  delete process.env.STARHOLD_TEST_DATABASE_URL;
  try {
    await state.db.stop();
  } finally {
    await rm(state.dir, { recursive: true, force: true });
  }
}
