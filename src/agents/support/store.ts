import type { SqlExecutor, SqlRow } from '../../records/sql-driver.ts';
import { type AgentStorage, lazySql, openAgentSql } from '../shared/database.ts';
import { randomId } from '../shared/ids.ts';
import { SUPPORT_MIGRATIONS, SUPPORT_MIGRATIONS_TABLE } from './migrations.ts';
import { SEED_ORDERS } from './seed-orders.ts';

export interface OrderRow {
  readonly order_id: string;
  readonly customer: string;
  readonly customer_id: string;
  readonly postcode: string;
  readonly product: string;
  readonly status: string;
  readonly update_text: string;
  readonly eta: string;
  readonly total_cents: number;
  readonly refund_block: string;
}

export interface RefundRow {
  readonly refund_id: string;
  readonly order_id: string;
  readonly amount_cents: number;
  readonly session_id: string;
  readonly created_at: string;
}

export interface BookingRow {
  readonly booking_id: string;
  readonly session_id: string;
  readonly order_id: string;
  readonly visit_day: string;
  readonly visit_window: string;
  readonly created_at: string;
}

export interface TicketRow {
  readonly ticket_id: string;
  readonly session_id: string;
  readonly reason: string;
  readonly created_at: string;
}

/** Columns added after the first release: SQLite files made before them get them on open. */
const ADDED_ORDER_COLUMNS = ['customer_id', 'postcode'] as const;

/**
 * The support desk's orders, refunds, technician bookings and escalation tickets, in SQLite
 * (a data directory) or PostgreSQL (`{ postgresUrl }`, shared by every worker of a cluster).
 * Opened, migrated and seeded on first use. Every write that must happen once (a refund per
 * order, a booking per conversation and order) is one INSERT … ON CONFLICT DO NOTHING against a
 * unique key, so concurrent callers on any number of workers see exactly one of them created.
 */
export class SupportStore {
  readonly #sql;

  constructor(storage: AgentStorage) {
    this.#sql = lazySql(async () => {
      const driver = await openAgentSql(
        storage,
        'support.sqlite',
        SUPPORT_MIGRATIONS,
        SUPPORT_MIGRATIONS_TABLE,
      );
      try {
        await driver.transaction(async (tx) => {
          if (driver.engine === 'sqlite') await addOrderColumns(tx);
          await seedOrders(tx);
        });
      } catch (error) {
        await driver.close();
        throw error;
      }
      return driver;
    });
  }

  async #query(sql: string, params: readonly (string | number)[]): Promise<readonly SqlRow[]> {
    return (await this.#sql.get()).query(sql, params);
  }

  async order(orderId: string): Promise<OrderRow | undefined> {
    const [row] = await this.#query('SELECT * FROM orders WHERE order_id = ?', [orderId]);
    return row && orderRow(row);
  }

  async refundFor(orderId: string): Promise<RefundRow | undefined> {
    const [row] = await this.#query('SELECT * FROM refunds WHERE order_id = ?', [orderId]);
    return row && refundRow(row);
  }

  /** The postcode this session's caller gave (the second factor), and wrong matches so far. */
  async callerCheck(sessionId: string): Promise<{ postcode: string; failures: number }> {
    const [row] = await this.#query(
      'SELECT postcode, failures FROM caller_checks WHERE session_id = ?',
      [sessionId],
    );
    return row
      ? { postcode: asText(row['postcode']), failures: Number(row['failures']) }
      : { postcode: '', failures: 0 };
  }

  /** Records the postcode the caller gave; a later one replaces it. */
  async claimPostcode(sessionId: string, postcode: string): Promise<void> {
    await this.#query(
      `INSERT INTO caller_checks (session_id, postcode, failures) VALUES (?, ?, 0)
       ON CONFLICT (session_id) DO UPDATE SET postcode = excluded.postcode`,
      [sessionId, postcode],
    );
  }

  /** Counts one postcode that did not match the order asked about. */
  async recordFailedCheck(sessionId: string): Promise<void> {
    await this.#query(
      `INSERT INTO caller_checks (session_id, postcode, failures) VALUES (?, '', 1)
       ON CONFLICT (session_id) DO UPDATE SET failures = caller_checks.failures + 1`,
      [sessionId],
    );
  }

  /** One refund per order: a second request, from any session or worker, returns the first. */
  async refund(
    order: OrderRow,
    sessionId: string,
  ): Promise<{ refund: RefundRow; created: boolean }> {
    const row: RefundRow = {
      refund_id: randomId('R'),
      order_id: order.order_id,
      amount_cents: order.total_cents,
      session_id: sessionId,
      created_at: new Date().toISOString(),
    };
    const inserted = await this.#query(
      `INSERT INTO refunds (refund_id, order_id, amount_cents, session_id, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING RETURNING refund_id`,
      [row.refund_id, row.order_id, row.amount_cents, row.session_id, row.created_at],
    );
    if (inserted.length === 1) return { refund: row, created: true };
    const first = await this.refundFor(order.order_id);
    if (!first) throw new Error(`refund of order ${order.order_id} conflicted but is not stored`);
    return { refund: first, created: false };
  }

  /** One booking per session and order (order '' when none was given). */
  async book(
    sessionId: string,
    orderId: string,
    visit: { day: string; window: string },
  ): Promise<{ booking: BookingRow; created: boolean }> {
    const row: BookingRow = {
      booking_id: randomId('T'),
      session_id: sessionId,
      order_id: orderId,
      visit_day: visit.day,
      visit_window: visit.window,
      created_at: new Date().toISOString(),
    };
    const inserted = await this.#query(
      `INSERT INTO bookings (booking_id, session_id, order_id, visit_day, visit_window, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, order_id) DO NOTHING RETURNING booking_id`,
      [row.booking_id, sessionId, orderId, visit.day, visit.window, row.created_at],
    );
    if (inserted.length === 1) return { booking: row, created: true };
    const [first] = await this.#query(
      'SELECT * FROM bookings WHERE session_id = ? AND order_id = ?',
      [sessionId, orderId],
    );
    if (!first) throw new Error(`booking for ${sessionId}/${orderId} conflicted but is not stored`);
    return { booking: bookingRow(first), created: false };
  }

  async openTicket(sessionId: string, reason: string): Promise<TicketRow> {
    const row: TicketRow = {
      ticket_id: randomId('H'),
      session_id: sessionId,
      reason,
      created_at: new Date().toISOString(),
    };
    await this.#query(
      'INSERT INTO tickets (ticket_id, session_id, reason, created_at) VALUES (?, ?, ?, ?)',
      [row.ticket_id, sessionId, reason, row.created_at],
    );
    return row;
  }

  /** Closes the database (a later use opens it again). */
  close(): Promise<void> {
    return this.#sql.close();
  }
}

/** The seed orders, once: a store whose orders were all deleted is not refilled. */
async function seedOrders(tx: SqlExecutor): Promise<void> {
  const [count] = await tx.query('SELECT COUNT(*) AS n FROM orders');
  if (Number(count?.['n'] ?? 0) > 0) return;
  for (const o of SEED_ORDERS)
    await tx.query(
      `INSERT INTO orders
       (order_id, customer, customer_id, postcode, product, status, update_text, eta, total_cents, refund_block)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING`,
      [
        o.orderId,
        o.customer,
        o.customerId,
        o.postcode,
        o.product,
        o.status,
        o.update,
        o.eta,
        o.totalCents,
        o.refundBlock,
      ],
    );
}

/** A SQLite file made before owners and postcodes existed gets the columns, filled from the seed. */
async function addOrderColumns(tx: SqlExecutor): Promise<void> {
  const columns = await tx.query('PRAGMA table_info(orders)');
  const missing = ADDED_ORDER_COLUMNS.filter((name) => !columns.some((c) => c['name'] === name));
  if (missing.length === 0) return;
  for (const name of missing)
    await tx.exec(`ALTER TABLE orders ADD COLUMN ${name} TEXT NOT NULL DEFAULT ''`);
  for (const o of SEED_ORDERS)
    await tx.query('UPDATE orders SET customer_id = ?, postcode = ? WHERE order_id = ?', [
      o.customerId,
      o.postcode,
      o.orderId,
    ]);
}

function orderRow(row: SqlRow): OrderRow {
  const text = (name: keyof OrderRow) => asText(row[name]);
  return {
    order_id: text('order_id'),
    customer: text('customer'),
    customer_id: text('customer_id'),
    postcode: text('postcode'),
    product: text('product'),
    status: text('status'),
    update_text: text('update_text'),
    eta: text('eta'),
    total_cents: Number(row['total_cents']),
    refund_block: text('refund_block'),
  };
}

function refundRow(row: SqlRow): RefundRow {
  return {
    refund_id: asText(row['refund_id']),
    order_id: asText(row['order_id']),
    amount_cents: Number(row['amount_cents']),
    session_id: asText(row['session_id']),
    created_at: asText(row['created_at']),
  };
}

function bookingRow(row: SqlRow): BookingRow {
  const text = (name: keyof BookingRow) => asText(row[name]);
  return {
    booking_id: text('booking_id'),
    session_id: text('session_id'),
    order_id: text('order_id'),
    visit_day: text('visit_day'),
    visit_window: text('visit_window'),
    created_at: text('created_at'),
  };
}

/** A text column as a string (both engines return TEXT as strings; NULL reads as ''). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}
