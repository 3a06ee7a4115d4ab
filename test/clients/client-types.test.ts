// The committed client files must match what the app serves now: a schema change without
// `npm run client:generate` fails here (and outside users would get a stale document).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/postgres.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const STALE = 'is stale: run `npm run client:generate` and commit clients/';
const OPENAPI_TS_CLI = join('node_modules', 'openapi-typescript', 'bin', 'cli.js');

/** The first line where two texts differ, to say what changed without a 2,000-line diff. */
const firstDifference = (expected: string, actual: string): string => {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(b[at] ?? '<end>')}, generated ${JSON.stringify(a[at] ?? '<end>')}`;
};

describe('the committed TypeScript client', () => {
  let db: TestDatabase;
  let test: TestApp;
  let served: unknown;
  const dir = mkdtempSync(join(tmpdir(), 'orders-client-gen-'));

  beforeAll(async () => {
    db = await createSqliteDatabase();
    test = await buildTestApp(db);
    served = (await test.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(async () => {
    await test?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('clients/openapi.json is the document the app serves', () => {
    const committed: unknown = JSON.parse(readFileSync('clients/openapi.json', 'utf8'));
    const same = isDeepStrictEqual(committed, served);
    const where = same ? '' : firstDifference(JSON.stringify(served, null, 2), JSON.stringify(committed, null, 2));
    expect(same, `clients/openapi.json ${STALE} (${where})`).toBe(true);
  });

  it('clients/typescript/schema.d.ts is what openapi-typescript generates from it', () => {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'schema.d.ts');
    writeFileSync(input, `${JSON.stringify(served, null, 2)}\n`);
    execFileSync(process.execPath, [OPENAPI_TS_CLI, input, '-o', output], { stdio: 'pipe' });
    const generated = readFileSync(output, 'utf8');
    const committed = readFileSync('clients/typescript/schema.d.ts', 'utf8');
    const where = generated === committed ? '' : firstDifference(generated, committed);
    expect(generated === committed, `clients/typescript/schema.d.ts ${STALE} (${where})`).toBe(true);
  });
});
