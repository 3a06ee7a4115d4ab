import type { FastifyInstance } from 'fastify';
import type { ComponentSchema } from './component.schema.js';
import { HealthSchema } from './health.schema.js';
import { MoneySchema } from './money.schema.js';
import { OrderActionSchema, OrderHistoryEventSchema, OrderHistorySchema, OrderItemSchema, OrderPageSchema, OrderSchema, ShipmentSchema } from './order.schemas.js';
import { ProblemSchema } from './problem.schema.js';
import { ProductPageSchema, ProductSchema, StockMovementPageSchema, StockMovementSchema } from './product.schemas.js';
import { SalesReportSchema } from './report.schemas.js';
import { TokenResponse, UserPageSchema, UserSchema } from './user.schemas.js';
import {
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from './webhook.schemas.js';

/**
 * The named schemas routes reference with `refTo`/`okResponse`: each is registered once, so
 * validation and serialisation resolve the `$ref`s and OpenAPI lists it under components.schemas.
 */
export const COMPONENT_SCHEMAS: readonly ComponentSchema[] = [
  MoneySchema,
  ProductSchema,
  ProductPageSchema,
  StockMovementSchema,
  StockMovementPageSchema,
  OrderItemSchema,
  OrderActionSchema,
  ShipmentSchema,
  OrderSchema,
  OrderHistoryEventSchema,
  OrderHistorySchema,
  OrderPageSchema,
  SalesReportSchema,
  UserSchema,
  UserPageSchema,
  TokenResponse,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  WebhookEndpointPageSchema,
  WebhookDeliverySchema,
  WebhookDeliveryPageSchema,
  HealthSchema,
  ProblemSchema,
];

/** Shared schemas for fastify's serializer and @fastify/swagger (the validator compiler adds them to its Ajv itself). */
export const registerComponentSchemas = (app: FastifyInstance): void => {
  for (const schema of COMPONENT_SCHEMAS) app.addSchema(schema);
};
