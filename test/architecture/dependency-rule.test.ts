import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve('.');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

/**
 * The architecture check must bite: in a scratch copy of the layout, a domain file that
 * imports an adapter, a use case that imports a package or runs another use case's code,
 * a non-port in application/ports/, and an import of main.ts all fail.
 */
describe('the dependency rule (dependency-cruiser)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orders-arch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cruise = async (files: Record<string, string>) => {
    const root = mkdtempSync(join(dir, 'case-'));
    cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true } }));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module', dependencies: { kysely: '*' } }));
    mkdirSync(join(root, 'node_modules/kysely'), { recursive: true });
    writeFileSync(join(root, 'node_modules/kysely/package.json'), JSON.stringify({ name: 'kysely', main: 'index.js' }));
    writeFileSync(join(root, 'node_modules/kysely/index.js'), 'export const sql = 1;');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return run(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs'], { cwd: root }).then(
      (r) => ({ ok: true, out: r.stdout }),
      (e: { stdout: string }) => ({ ok: false, out: e.stdout }),
    );
  };

  const adapter = { 'src/infrastructure/db/adapter.ts': 'export const adapter = 1;\n' };

  it('passes a clean layout', async () => {
    const result = await cruise({
      ...adapter,
      'src/domain/money.ts': 'export const money = 1;\n',
      'src/application/use-case.ts': "import { money } from '../domain/money.ts';\nexport const useCase = money;\n",
      'src/main.ts': "import { adapter } from './infrastructure/db/adapter.ts';\nimport { useCase } from './application/use-case.ts';\nexport const x = [adapter, useCase];\n",
    });
    expect(result.ok, result.out).toBe(true);
  });

  it('fails when a domain file imports an infrastructure file', async () => {
    const result = await cruise({ ...adapter, 'src/domain/order.ts': "import { adapter } from '../infrastructure/db/adapter.ts';\nexport const o = adapter;\n" });
    expect(result.ok).toBe(false);
    expect(result.out).toContain('domain-is-pure');
  });

  it('fails when a use case imports a package or an adapter', async () => {
    const pkg = await cruise({ 'src/application/use-case.ts': "import { sql } from 'kysely';\nexport const u = sql;\n" });
    expect(pkg.ok).toBe(false);
    expect(pkg.out).toContain('application-depends-on-domain-only');
    const inward = await cruise({ ...adapter, 'src/application/use-case.ts': "import { adapter } from '../infrastructure/db/adapter.ts';\nexport const u = adapter;\n" });
    expect(inward.ok).toBe(false);
    expect(inward.out).toContain('nobody-imports-infrastructure-inward');
  });

  it('fails when a use case runs code from another use case; taking one by type is fine', async () => {
    const getUser = { 'src/application/users/get-user.use-case.ts': 'export const userNotFound = () => 1;\nexport class GetUser {}\n' };
    const byValue = await cruise({ ...getUser, 'src/application/users/change-email.use-case.ts': "import { userNotFound } from './get-user.use-case.ts';\nexport const c = userNotFound;\n" });
    expect(byValue.ok).toBe(false);
    expect(byValue.out).toContain('use-cases-share-no-code');
    const byType = await cruise({ ...getUser, 'src/application/demo/seed.use-case.ts': "import type { GetUser } from '../users/get-user.use-case.ts';\nexport type S = GetUser;\n" });
    expect(byType.ok, byType.out).toBe(true);
  });

  it('fails when application/ports/ holds anything but a *.port.ts', async () => {
    const result = await cruise({
      'src/application/ports/actor.ts': 'export const isAdmin = () => true;\n',
      'src/application/ports/mailer.port.ts': 'export type Mailer = { send(): void };\n',
      'src/application/use-case.ts': "import { isAdmin } from './ports/actor.ts';\nimport type { Mailer } from './ports/mailer.port.ts';\nexport const u = isAdmin;\nexport type M = Mailer;\n",
    });
    expect(result.ok).toBe(false);
    expect(result.out).toContain('ports-folder-holds-ports');
    expect(result.out).not.toContain('mailer.port.ts');
  });

  it('fails when anything imports the entry point', async () => {
    const result = await cruise({ 'src/main.ts': 'export const main = 1;\n', 'src/infrastructure/x.ts': "import { main } from '../main.ts';\nexport const x = main;\n" });
    expect(result.ok).toBe(false);
    expect(result.out).toContain('entry-points-are-leaves');
  });
});
