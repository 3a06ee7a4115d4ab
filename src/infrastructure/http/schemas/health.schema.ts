import { component } from './component.schema.js';
import { Type } from 'typebox';

export const HealthSchema = component('Health', Type.Object(
  { status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) },
  { additionalProperties: false, description: 'A health check result' },
));
