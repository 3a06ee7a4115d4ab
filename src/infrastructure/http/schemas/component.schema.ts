import { Type, type Static, type TSchema, type TSchemaOptions } from 'typebox';

/** A schema that becomes a named OpenAPI component: its `$id` is the name under #/components/schemas. */
export type ComponentSchema = TSchema & { readonly $id: string };

/** Names a freshly built schema (sets its `$id`), keeping its TypeBox type for the type provider. */
export const component = <Id extends string, S extends TSchema>($id: Id, schema: S): S & { readonly $id: Id } => Object.assign(schema, { $id });

/**
 * A `$ref` to a component, typed as the component itself (a bare `Type.Ref` is `unknown` to
 * the type provider). Validation and serialisation resolve it through the registered
 * COMPONENT_SCHEMAS; the OpenAPI document shows `#/components/schemas/<$id>`.
 */
export const refTo = <S extends ComponentSchema>(schema: S, options: TSchemaOptions = {}) =>
  Type.Unsafe<Static<S>>(Type.Ref(schema.$id, options));
