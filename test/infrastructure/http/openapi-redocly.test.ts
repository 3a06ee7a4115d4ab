import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServedOpenApi } from '../../support/served-openapi.js';

/** The warnings redocly.yaml justifies, as `rule at pointer`; any other must be fixed (or justified there first). */
const JUSTIFIED_WARNINGS = new Set([
  'operation-4xx-response at #/paths/~1health~1live/get/responses',
  'operation-4xx-response at #/paths/~1health~1ready/get/responses',
]);

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

describe("the served OpenAPI document passes Redocly's recommended lint", () => {
  let served: Awaited<ReturnType<typeof writeServedOpenApi>>;

  beforeAll(async () => {
    served = await writeServedOpenApi();
  });
  afterAll(() => served.remove());

  it('has no errors, and only justified warnings', async () => {
    const { file } = served;
    const args = ['lint', file, '--config', 'redocly.yaml', '--format', 'json'];
    // Offline and quiet: no telemetry, no update check.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const output = await promisify(execFile)('node_modules/.bin/redocly', args, { env, maxBuffer: 32 * 1024 * 1024 }).then(
      (r) => r.stdout,
      (e: { stdout?: string; stderr?: string }) => e.stdout || `{"problems":[{"ruleId":"cli","severity":"error","message":${JSON.stringify(e.stderr ?? '')},"location":[]}]}`,
    );
    const { problems } = JSON.parse(output) as { problems: Problem[] };
    const describe = (p: Problem) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}`;
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${describe(p)}: ${p.message}`)).toEqual([]);
    expect(problems.filter((p) => p.severity !== 'error' && !JUSTIFIED_WARNINGS.has(describe(p))).map((p) => `${describe(p)}: ${p.message}`)).toEqual([]);
  }, 60_000);
});
