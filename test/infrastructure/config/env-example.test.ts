import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/infrastructure/config/config.js';
import { ENV_SETTINGS, renderEnvExample } from '../../../src/infrastructure/config/env-settings.js';

const settings = ENV_SETTINGS.flatMap((group) => group.settings);
const listed = settings.map((s) => s.name);

/** The variable names config.ts reads: `env.NAME`, `env['NAME']`, helper calls `(env, 'NAME'`, and `ConfigError('NAME'`. */
const readByConfig = (): string[] => {
  const source = readFileSync('src/infrastructure/config/config.ts', 'utf8');
  const names = new Set<string>();
  for (const pattern of [/\benv\.([A-Z][A-Z0-9_]*)/g, /\benv\['([A-Z][A-Z0-9_]*)'\]/g, /\(env, '([A-Z][A-Z0-9_]*)'/g, /ConfigError\('([A-Z][A-Z0-9_]*)'/g]) {
    for (const match of source.matchAll(pattern)) names.add(match[1]!);
  }
  return [...names].sort();
};

describe('.env.example', () => {
  it('is exactly what `npm run env:example` writes (regenerate it after changing a setting)', () => {
    expect(readFileSync('.env.example', 'utf8')).toBe(renderEnvExample());
  });

  it('lists every variable the config module reads, each once', () => {
    expect([...listed].sort()).toEqual(readByConfig());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(settings.filter((s) => s.default !== undefined).map((s) => [s.name, s.default!] as const))(
    'the default shown for %s is the real one: setting it to %j changes nothing',
    (name, value) => {
      expect(loadConfig({ [name]: value })).toEqual(loadConfig({}));
    },
  );

  it('a variable shown unset really is off by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ jwtSecret: undefined, smtpUrl: undefined, redisUrl: undefined, corsOrigins: [] });
    expect(config.shop).toMatchObject({ url: undefined, supportEmail: undefined });
  });
});
