import { Ajv, type Options } from 'ajv';
import { createRequire } from 'node:module';
import type { FastifySchemaCompiler } from 'fastify';
import { COMPONENT_SCHEMAS } from './schemas/components.schemas.js';

// ajv-formats is CommonJS whose default export does not survive ESM interop typing.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

const base: Options = {
  // Fields a client may not set (id, role, status…) are dropped, never honoured.
  removeAdditional: true,
  useDefaults: true,
  allErrors: false,
  strict: false,
};

const make = (coerceTypes: Options['coerceTypes'], removeAdditional: Options['removeAdditional'] = base.removeAdditional): Ajv => {
  const ajv = new Ajv({ ...base, coerceTypes, removeAdditional });
  addFormats(ajv);
  // Route schemas reference the named components (e.g. Money) by $ref.
  for (const schema of COMPONENT_SCHEMAS) ajv.addSchema(schema);
  return ajv;
};

// Bodies are JSON and must be typed correctly: "5" where a number belongs is a 422.
// Query strings, path params and headers are text by nature, so they are coerced.
const strict = make(false);
const coercing = make('array');
// An unknown query parameter is a typo the client must hear about (`?serach=`), not one to drop.
const query = make('array', false);

const forPart = (httpPart: string | undefined): Ajv => {
  if (httpPart === 'body') return strict;
  if (httpPart === 'querystring') return query;
  return coercing;
};

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  forPart(httpPart).compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
