import { Type } from 'typebox';
import { component } from './component.schema.js';

export const HealthSchema = component('Health', Type.Object(
  { status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) },
  { additionalProperties: false, description: 'A health check result' },
));
