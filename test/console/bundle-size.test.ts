// The console's first load stays small: all the JavaScript `npm run build` put under
// dist/console, gzipped (zlib, level 9 as a static server or CDN would), at most 200 KB.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtConsoleDir } from '../../src/infrastructure/http/admin-console.js';
import { ensureBuilt } from '../support/server-process.js';

const BUDGET = 200 * 1024;

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

describe('the admin console bundle', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = builtConsoleDir() ?? '';
  });

  it(`ships at most ${BUDGET / 1024} KB of JavaScript, gzipped`, () => {
    const scripts = files(dir).filter((f) => /\.m?js$/.test(f));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    console.info(`admin console: ${scripts.length} JS file(s), ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('is minified for production (no development build of React slipped in)', () => {
    const scripts = files(dir).filter((f) => f.endsWith('.js'));
    const text = scripts.map((f) => readFileSync(f, 'utf8')).join('\n');
    // A message only React's development build carries.
    expect(text).not.toContain('In HTML, %s');
    // JSX compiled for the development runtime would call a jsxDEV the production React lacks.
    expect(text).not.toContain('jsxDEV');
    expect(text).not.toMatch(/\/\/# sourceMappingURL/);
  });
});
