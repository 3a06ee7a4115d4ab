import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CreateProduct } from '../../application/catalog/create-product.use-case.js';
import type { GetProduct } from '../../application/catalog/get-product.use-case.js';
import type { ListProducts } from '../../application/catalog/list-products.use-case.js';
import type { UpdateProduct } from '../../application/catalog/update-product.use-case.js';
import type { ArchiveProduct } from '../../application/catalog/archive-product.use-case.js';
import type { UnarchiveProduct } from '../../application/catalog/unarchive-product.use-case.js';
import type { AdjustStock } from '../../application/catalog/adjust-stock.use-case.js';
import type { ListStockMovements } from '../../application/catalog/list-stock-movements.use-case.js';
import type { AddOrderItem } from '../../application/orders/add-order-item.use-case.js';
import type { CancelOrder } from '../../application/orders/cancel-order.use-case.js';
import type { ChangeOrderItem } from '../../application/orders/change-order-item.use-case.js';
import type { ConfirmOrder } from '../../application/orders/confirm-order.use-case.js';
import type { CreateOrder } from '../../application/orders/create-order.use-case.js';
import type { GetOrder } from '../../application/orders/get-order.use-case.js';
import type { ListOrders } from '../../application/orders/list-orders.use-case.js';
import type { RemoveOrderItem } from '../../application/orders/remove-order-item.use-case.js';
import type { ShipOrder } from '../../application/orders/ship-order.use-case.js';
import type { DeliverOrder } from '../../application/orders/deliver-order.use-case.js';
import type { GetOrderHistory } from '../../application/orders/get-order-history.use-case.js';
import type { GetSalesReport } from '../../application/sales/get-sales-report.use-case.js';
import type { AuthenticateRequest } from '../../application/users/authenticate-request.use-case.js';
import type { ChangeEmail } from '../../application/users/change-email.use-case.js';
import type { DeactivateUser } from '../../application/users/deactivate-user.use-case.js';
import type { GetUser } from '../../application/users/get-user.use-case.js';
import type { IssueToken } from '../../application/users/issue-token.use-case.js';
import type { RegisterUser } from '../../application/users/register-user.use-case.js';
import type { ChangePassword } from '../../application/users/change-password.use-case.js';
import type { ConfirmPasswordReset } from '../../application/users/confirm-password-reset.use-case.js';
import type { ListUsers } from '../../application/users/list-users.use-case.js';
import type { LogOut } from '../../application/users/log-out.use-case.js';
import type { ReactivateUser } from '../../application/users/reactivate-user.use-case.js';
import type { RefreshSession } from '../../application/users/refresh-session.use-case.js';
import type { RequestPasswordReset } from '../../application/users/request-password-reset.use-case.js';
import type { CreateWebhookEndpoint } from '../../application/webhooks/create-webhook-endpoint.use-case.js';
import type { DeleteWebhookEndpoint } from '../../application/webhooks/delete-webhook-endpoint.use-case.js';
import type { GetWebhookEndpoint } from '../../application/webhooks/get-webhook-endpoint.use-case.js';
import type { ListWebhookDeliveries } from '../../application/webhooks/list-webhook-deliveries.use-case.js';
import type { ListWebhookEndpoints } from '../../application/webhooks/list-webhook-endpoints.use-case.js';
import type { RetryWebhookDelivery } from '../../application/webhooks/retry-webhook-delivery.use-case.js';
import type { RotateWebhookSecret } from '../../application/webhooks/rotate-webhook-secret.use-case.js';
import type { UpdateWebhookEndpoint } from '../../application/webhooks/update-webhook-endpoint.use-case.js';
import type { PasswordResetThrottle } from '../throttle/password-reset-throttle.js';
import type { LoginThrottle } from '../throttle/login-throttle.js';
import type { RegistrationThrottle } from '../throttle/registration-throttle.js';
import type { BusinessMetrics } from '../metrics/business-metrics.js';
import type { InFlightRequests } from './in-flight-requests.js';
import type { MetricsSources } from './metrics.js';
import type { StatementTallies } from './statement-counter-header.js';

/** Everything the HTTP adapter needs, built once by the composition root. */
export interface HttpDeps {
  users: {
    register: RegisterUser;
    issueToken: IssueToken;
    authenticate: AuthenticateRequest;
    get: GetUser;
    changeEmail: ChangeEmail;
    deactivate: DeactivateUser;
    reactivate: ReactivateUser;
    list: ListUsers;
    refresh: RefreshSession;
    logOut: LogOut;
    changePassword: ChangePassword;
    requestPasswordReset: RequestPasswordReset;
    confirmPasswordReset: ConfirmPasswordReset;
  };
  products: {
    create: CreateProduct;
    get: GetProduct;
    list: ListProducts;
    update: UpdateProduct;
    archive: ArchiveProduct;
    unarchive: UnarchiveProduct;
    adjustStock: AdjustStock;
    stockMovements: ListStockMovements;
  };
  orders: {
    create: CreateOrder;
    get: GetOrder;
    list: ListOrders;
    addItem: AddOrderItem;
    changeItem: ChangeOrderItem;
    removeItem: RemoveOrderItem;
    confirm: ConfirmOrder;
    cancel: CancelOrder;
    ship: ShipOrder;
    deliver: DeliverOrder;
    history: GetOrderHistory;
  };
  reports: {
    sales: GetSalesReport;
  };
  webhooks: {
    create: CreateWebhookEndpoint;
    get: GetWebhookEndpoint;
    list: ListWebhookEndpoints;
    update: UpdateWebhookEndpoint;
    delete: DeleteWebhookEndpoint;
    rotateSecret: RotateWebhookSecret;
    listDeliveries: ListWebhookDeliveries;
    retryDelivery: RetryWebhookDelivery;
  };
  requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  loginThrottle: LoginThrottle;
  registrationThrottle: RegistrationThrottle;
  passwordResetThrottle: PasswordResetThrottle;
  /** Resolves when the database answers; rejects otherwise. */
  checkReadiness: () => Promise<void>;
  /** What /metrics reports beyond HTTP and process metrics. */
  metrics?: MetricsSources;
  /** Where the routes report what only the edge sees: login outcomes and refused confirmations. Absent: not counted. */
  outcomes?: Pick<BusinessMetrics, 'login' | 'confirmationRefused'>;
  /** Counts the requests being served; /metrics reports it, the composition root may share it as a load signal. */
  inFlight: InFlightRequests;
  /** Debug (SQL_STATEMENT_COUNTER=1): each response carries its request's SQL statement count in `x-sql-statements`. */
  statementTallies?: StatementTallies;
}
