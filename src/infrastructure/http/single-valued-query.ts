import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import { invalid } from '../../domain/shared/domain-error.js';

interface ParameterSchema {
  type?: string | string[];
  anyOf?: ParameterSchema[];
  oneOf?: ParameterSchema[];
}

/** A parameter whose schema admits an array may be repeated (`?tag=a&tag=b`); any other takes one value. */
const takesMany = (schema: ParameterSchema): boolean =>
  [schema.type].flat().includes('array') || [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(takesMany);

/**
 * A single-valued query parameter given twice (`?limit=1&limit=2`) → 422 naming it, before the
 * schema would call the pair "must be integer"; a route's hook knows its single-valued names,
 * worked out once as the route is added. Unknown names are left to the schema ("is not a parameter").
 */
export const registerSingleValuedQuery = (app: FastifyInstance): void => {
  app.addHook('onRoute', (route) => {
    const properties = (route.schema?.querystring as { properties?: Record<string, ParameterSchema> } | undefined)?.properties;
    const single = new Set(Object.entries(properties ?? {}).flatMap(([name, schema]) => (takesMany(schema) ? [] : [name])));
    if (single.size === 0) return;
    const givenOnce: preValidationHookHandler = async function givenOnce(request) {
      const repeated = Object.entries(request.query as Record<string, unknown>).find(([name, value]) => single.has(name) && Array.isArray(value));
      if (repeated) throw invalid(repeated[0], 'must be given once');
    };
    // First among the route's own preValidation hooks: the query is checked before anything reads it.
    route.preValidation = [givenOnce, ...[route.preValidation ?? []].flat()];
  });
};
