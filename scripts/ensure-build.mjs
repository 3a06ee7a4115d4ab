// `npm start` on a fresh clone: build once if dist/ is missing or older than src/.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const out = 'dist/src/main.js';
if (!existsSync(out) || statSync(out).mtimeMs < newest('src')) {
  execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });
}
