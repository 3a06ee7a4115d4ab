import { Type, type Static } from 'typebox';
import type { ComponentSchema } from './component.schema.js';

/**
 * A success response: the component by reference, with the description OpenAPI shows for
 * it (and optional response headers). Serialised through the component, unknown fields stripped.
 */
export const okResponse = <S extends ComponentSchema>(schema: S, description: string, headers?: Record<string, object>) =>
  Type.Unsafe<Static<S>>(Type.Ref(schema.$id, { description, ...(headers ? { headers } : {}) }));
