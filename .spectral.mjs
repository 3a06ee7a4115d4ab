// Lints /openapi.json in `npm test` (test/infrastructure/http/openapi-lint.test.ts).
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';

export default {
  extends: [oas, owasp],
  rules: {},
};
