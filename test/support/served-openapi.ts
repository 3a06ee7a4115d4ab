import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDatabase } from './databases.js';
import { buildTestApp } from './test-app.js';

/** The OpenAPI document as the app serves it, written to a temporary file for a command-line linter. */
export const writeServedOpenApi = async (): Promise<{ file: string; remove: () => void }> => {
  const db = await createSqliteDatabase();
  const t = await buildTestApp(db);
  const dir = mkdtempSync(join(tmpdir(), 'orders-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, (await t.app.inject({ method: 'GET', url: '/openapi.json' })).body);
    return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    await t.close();
    await db.drop();
  }
};
