import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServedOpenApi } from '../../support/served-openapi.js';

/** The warnings .spectral.mjs justifies; any other kind must be fixed (or justified there first). */
const JUSTIFIED_WARNINGS = new Set([
  'owasp:api2:2023-read-restricted',
  'owasp:api8:2023-define-error-responses-401',
  'owasp:api8:2023-define-error-validation',
  'owasp:api4:2023-string-restricted',
]);

interface Finding {
  code: string;
  severity: number;
  message: string;
  path: string[];
}

describe('the served OpenAPI document passes Spectral with the OWASP ruleset', () => {
  let served: Awaited<ReturnType<typeof writeServedOpenApi>>;

  beforeAll(async () => {
    served = await writeServedOpenApi();
  });
  afterAll(() => served.remove());

  it('has no errors, and only justified warnings', async () => {
    const { file } = served;
    const run = promisify(execFile);
    const args = ['lint', file, '--ruleset', '.spectral.mjs', '--format', 'json', '--quiet'];
    const output = await run('node_modules/.bin/spectral', args, { maxBuffer: 32 * 1024 * 1024 }).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? '[]',
    );
    const findings = JSON.parse(output || '[]') as Finding[];
    const describe = (f: Finding) => `${f.code} at ${f.path.join('.')}: ${f.message}`;
    expect(findings.filter((f) => f.severity === 0).map(describe)).toEqual([]);
    expect(findings.filter((f) => f.severity === 1 && !JUSTIFIED_WARNINGS.has(f.code)).map(describe)).toEqual([]);
  }, 60_000);
});
