import { PostgresAdapter, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Order } from '../../../domain/orders/order.aggregate.js';
import type { OrderListQuery, OrderRepository } from '../../../domain/orders/order.repository.port.js';
import type { DB, OrdersTable } from '../database.schema.js';
import { toIso } from '../mappers/row-values.js';
import { insertOrderWithRows, lockAndLoadOrder, saveOrderWithRows } from '../postgres/postgres-order-statements.js';
import { orderChangedMeanwhile, type PendingRows } from './pending-rows.js';
import { diffItems, orderToRow, ordersFromJoinRows, storedLinesFromJoinRows, type OrderJoinRow, type StoredLines } from '../mappers/order.mapper.js';

type OrdersQuery = SelectQueryBuilder<DB, 'orders', OrdersTable>;

const hasLineChanges = (changes: ReturnType<typeof diffItems>): boolean =>
  changes.deletes.length > 0 || changes.updates.length > 0 || changes.inserts.length > 0;

/** The orders `orders` selects, each joined with its items: one statement. */
const withItems = (db: Kysely<DB>, orders: OrdersQuery) =>
  db
    .selectFrom(orders.as('o'))
    .leftJoin('order_items as i', 'i.order_id', 'o.id')
    .select([
      'o.id',
      'o.customer_id',
      'o.status',
      'o.currency',
      'o.version',
      'o.created_at',
      'o.updated_at',
      'o.carrier',
      'o.tracking_number',
      'o.shipped_at',
      'o.delivered_at',
      'o.total_minor',
      'o.confirmed_at',
      'i.id as item_id',
      'i.product_id',
      'i.product_name',
      'i.quantity',
      'i.unit_price_minor',
      'i.position',
    ])
    .orderBy('o.id')
    .orderBy('i.position');

/*
 * The statements of every order change, as literal SQL through Kysely's `sql` tag: the same on
 * both dialects, with no query building or compiling per call (docs/adr/0010 has the numbers).
 */
const orderWithItems = (db: Kysely<DB>, id: string) =>
  sql<OrderJoinRow>`SELECT o.id, o.customer_id, o.status, o.currency, o.version, o.created_at, o.updated_at,
    o.total_minor, o.confirmed_at, o.carrier, o.tracking_number, o.shipped_at, o.delivered_at,
    i.id AS item_id, i.product_id, i.product_name, i.quantity, i.unit_price_minor, i.position
    FROM orders AS o LEFT JOIN order_items AS i ON i.order_id = o.id
    WHERE o.id = ${id} ORDER BY i.position`.execute(db);
const insertOrder = (db: Kysely<DB>, o: OrdersTable) =>
  sql`INSERT INTO orders (id, customer_id, status, currency, version, created_at, updated_at, total_minor, confirmed_at)
    VALUES (${o.id}, ${o.customer_id}, ${o.status}, ${o.currency}, ${o.version}, ${o.created_at}, ${o.updated_at}, ${o.total_minor}, ${o.confirmed_at})`.execute(db);
/** The version guard: on PostgreSQL a concurrent saver waits on this row lock, then finds the version moved on. */
const saveOrder = (db: Kysely<DB>, o: OrdersTable) =>
  sql`UPDATE orders SET status = ${o.status}, currency = ${o.currency}, updated_at = ${o.updated_at}, version = version + 1,
    total_minor = ${o.total_minor}, confirmed_at = ${o.confirmed_at},
    carrier = ${o.carrier}, tracking_number = ${o.tracking_number}, shipped_at = ${o.shipped_at}, delivered_at = ${o.delivered_at}
    WHERE id = ${o.id} AND version = ${o.version}`.execute(db);

/**
 * Orders and their items as one aggregate. Loads are one statement (the orders joined with
 * their items), so an order is always read as one consistent snapshot and a page of orders
 * never costs a query per order. Saves are optimistic and write only the lines that changed.
 * Bound to whatever executor the unit of work hands it; never commits. One instance per unit
 * of work: `stored` holds the lines each order copy was loaded with (or last saved as) in this
 * unit of work — Fowler's "original values", what a save diffs against — dropped with it.
 */
export class SqlOrderRepository implements OrderRepository {
  private readonly stored = new Map<Order, StoredLines>();

  /** PostgreSQL takes the set-based statements of postgres/postgres-order-statements.ts. */
  private readonly postgres: boolean;

  constructor(
    private readonly db: Kysely<DB>,
    /** PostgreSQL transactions: rows added before the save (outbox, history), which it writes in its own statement. */
    private readonly pending?: PendingRows,
  ) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async findById(id: string): Promise<Order | null> {
    await this.writeHeldOrder();
    const { rows } = await orderWithItems(this.db, id);
    const [order] = this.remember(rows);
    return order ?? null;
  }

  async findForUpdate(id: string): Promise<Order | null> {
    if (!this.postgres) return this.findById(id);
    await this.writeHeldOrder();
    // Lock and load in one statement; only when a writer committed while we waited for the lock
    // are the items read again, in a fresh snapshot (see lockAndLoadOrder).
    const { rows } = await lockAndLoadOrder(this.db, id);
    const [first] = rows;
    if (!first) return null;
    if (first.seen_version !== first.version) return this.findById(id);
    const [order] = this.remember(rows);
    return order ?? null;
  }

  async insert(order: Order): Promise<void> {
    const row = orderToRow(order);
    if (this.postgres) {
      const changes = diffItems(order, new Map());
      await this.writeHeldOrder();
      // Held back: written before COMMIT with the change's history row and events, one statement.
      if (this.pending) this.pending.holdOrder({ kind: 'insert', row, items: changes.inserts });
      else await insertOrderWithRows(this.db, row, changes.inserts, [], []);
      this.stored.set(order, changes.after);
      return;
    }
    await insertOrder(this.db, row);
    await this.writeItems(order, new Map());
  }

  async save(order: Order): Promise<void> {
    const row = orderToRow(order);
    await this.writeHeldOrder();
    const loaded = this.stored.get(order);
    if (this.pending && loaded && !hasLineChanges(diffItems(order, loaded))) {
      // Held back: the versioned update goes out before COMMIT with the change's history row and
      // events, one statement; a lost race fails the transaction there.
      this.pending.holdOrder({ kind: 'save', row });
      order.markSaved();
      return;
    }
    const carried = this.pending?.hasOutbox() ? this.pending.take() : undefined;
    const saved = carried
      ? ((await saveOrderWithRows(this.db, row, carried.history, carried.outbox)).rows[0]?.saved ?? 0)
      : Number((await saveOrder(this.db, row)).numAffectedRows ?? 0);
    if (saved === 0) throw orderChangedMeanwhile();
    // A copy this unit of work did not load (rare) is diffed against the stored lines, read under the row lock just taken.
    await this.writeItems(order, this.stored.get(order) ?? (await this.storedItems(order.id)));
    order.markSaved();
  }

  async list(query: OrderListQuery): Promise<Order[]> {
    return this.load((q) => {
      let page = q.orderBy('id').limit(query.limit);
      if (query.customerId !== null) page = page.where('customer_id', '=', query.customerId);
      if (query.status !== null) page = page.where('status', '=', query.status);
      if (query.createdFrom != null) page = page.where('created_at', '>=', toIso(query.createdFrom));
      if (query.createdTo != null) page = page.where('created_at', '<', toIso(query.createdTo));
      if (query.after !== null) page = page.where('id', '>', query.after);
      return query.lineBudget === undefined ? page : this.withinLineBudget(page, query.lineBudget);
    });
  }

  /**
   * The orders of `page` while the ones before their predecessor hold fewer than `budget`
   * lines (see OrderListQuery.lineBudget), counted in the same statement, so a page of big
   * orders never loads the lines of orders it will not return.
   */
  private withinLineBudget(page: OrdersQuery, budget: number): OrdersQuery {
    const counted = page.select(sql<number>`(select count(*) from order_items c where c.order_id = orders.id)`.as('line_count'));
    const running = this.db
      .selectFrom(counted.as('n'))
      .selectAll('n')
      .select(sql<number>`coalesce(sum(n.line_count) over (order by n.id rows between unbounded preceding and 2 preceding), 0)`.as('lines_before_previous'));
    const bounded = this.db.selectFrom(running.as('r')).selectAll('r').where('r.lines_before_previous', '<', budget);
    // Only the orders columns are read from it (withItems names them), so it serves as an orders query.
    return bounded as unknown as OrdersQuery;
  }

  /** Deletes before inserts, so a product removed and added back in one change never trips the one-line-per-product key. */
  private async writeItems(order: Order, before: StoredLines): Promise<void> {
    const changes = diffItems(order, before);
    if (changes.deletes.length > 0) {
      await this.db.deleteFrom('order_items').where('order_id', '=', order.id).where('id', 'in', changes.deletes).execute();
    }
    for (const { id, quantity } of changes.updates) {
      await this.db.updateTable('order_items').set({ quantity }).where('order_id', '=', order.id).where('id', '=', id).execute();
    }
    if (changes.inserts.length > 0) await this.db.insertInto('order_items').values(changes.inserts).execute();
    this.stored.set(order, changes.after);
  }

  private async storedItems(orderId: string): Promise<StoredLines> {
    const rows = await this.db.selectFrom('order_items').select(['id', 'quantity', 'position']).where('order_id', '=', orderId).execute();
    return new Map(rows.map((r) => [r.id, { quantity: Number(r.quantity), position: Number(r.position) }]));
  }

  /** An order write held back for the flush goes out first whenever orders are read or written again. */
  private async writeHeldOrder(): Promise<void> {
    if (this.pending?.hasOrder()) await this.pending.flush(this.db);
  }

  /** The orders `filter` selects, each joined with its items, in one statement. */
  private async load(filter: (q: OrdersQuery) => OrdersQuery): Promise<Order[]> {
    await this.writeHeldOrder();
    return this.remember(await withItems(this.db, filter(this.db.selectFrom('orders').selectAll())).execute());
  }

  /** The orders in joined rows, each remembered with its stored lines for a later save in this unit of work. */
  private remember(rows: readonly OrderJoinRow[]): Order[] {
    const orders = ordersFromJoinRows(rows);
    const lines = storedLinesFromJoinRows(rows);
    for (const order of orders) this.stored.set(order, lines.get(order.id) ?? new Map());
    return orders;
  }
}
