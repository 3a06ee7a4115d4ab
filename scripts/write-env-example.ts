// `npm run env:example`: rewrites .env.example from the settings list beside the config module.
import { writeFileSync } from 'node:fs';
import { renderEnvExample } from '../src/infrastructure/config/env-settings.js';

writeFileSync(new URL('../.env.example', import.meta.url), renderEnvExample());
process.stdout.write('wrote .env.example\n');
