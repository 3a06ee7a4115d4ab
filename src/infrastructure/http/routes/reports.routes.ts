import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_REPORT_DAYS } from '../../../application/sales/get-sales-report.use-case.js';
import { actorOf } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { SalesReportQuery, SalesReportSchema } from '../schemas/report.schemas.js';
import { okResponse } from '../schemas/response.schema.js';
import { bearerSecurity } from '../schemas/security.schema.js';

/** Reports for the shop's staff: admins only (a customer gets 403 from the use case). */
export const reportsRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/reports/sales',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'getSalesReport',
          summary: 'Sales per day in one currency (admin)',
          description:
            `One entry per UTC day from \`from\` (inclusive) to \`to\` (exclusive), at most ${MAX_REPORT_DAYS} days, in order; days without sales are included with \`orders: 0\` and a zero \`revenue\`. ` +
            'A day counts the orders in `currency` confirmed on it (UTC) that are not cancelled now (confirmed, shipped or delivered); `revenue` is the exact sum of their totals. ' +
            'A customer gets 403; a missing or malformed parameter, an unsupported currency, `to` not after `from` or a longer range → 422 naming the parameter.',
          tags: ['reports'],
          security: bearerSecurity,
          querystring: SalesReportQuery,
          response: { 200: okResponse(SalesReportSchema, 'The sales report'), ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => deps.reports.sales.execute({ actor: actorOf(request), ...request.query }),
    );
  };
