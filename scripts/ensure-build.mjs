// `npm start` on a fresh clone: build once if dist/ is missing or older than its sources —
// the server (src/ → dist/src) and the admin console (console/ and the typed client → dist/console).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (path) => {
  if (!existsSync(path)) return 0;
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let t = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) t = Math.max(t, newest(join(path, e.name)));
  return t;
};
const stale = (out, sources) => !existsSync(out) || statSync(out).mtimeMs < Math.max(...sources.map(newest));

if (stale('dist/src/main.js', ['src'])) {
  execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });
}
if (stale('dist/console/index.html', ['console', 'clients/typescript/schema.d.ts', 'package-lock.json'])) {
  execSync('npx vite build --config console/vite.config.ts', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
