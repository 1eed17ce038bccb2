import { randomUUID } from 'node:crypto';
import { lazyDatabase, openAgentDatabase, type AgentDatabase } from '../shared/database.ts';
import { SEED_ORDERS } from './seed-orders.ts';

export interface OrderRow {
  readonly order_id: string;
  readonly customer: string;
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY, customer TEXT NOT NULL, product TEXT NOT NULL, status TEXT NOT NULL,
  update_text TEXT NOT NULL, eta TEXT NOT NULL, total_cents INTEGER NOT NULL, refund_block TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refunds (
  refund_id TEXT PRIMARY KEY, order_id TEXT NOT NULL UNIQUE REFERENCES orders(order_id),
  amount_cents INTEGER NOT NULL, session_id TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bookings (
  booking_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, order_id TEXT NOT NULL,
  visit_day TEXT NOT NULL, visit_window TEXT NOT NULL, created_at TEXT NOT NULL,
  UNIQUE (session_id, order_id)
);
CREATE TABLE IF NOT EXISTS tickets (
  ticket_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL
);`;

/** The support desk's orders, refunds, technician bookings and escalation tickets (SQLite). */
export class SupportStore {
  readonly #db;

  constructor(dataDir: string) {
    this.#db = lazyDatabase(() => setUp(openAgentDatabase(dataDir, 'support.sqlite')));
  }

  get db(): AgentDatabase {
    return this.#db.get();
  }

  order(orderId: string): OrderRow | undefined {
    return this.db.prepare('SELECT * FROM orders WHERE order_id = ?').get(orderId) as
      OrderRow | undefined;
  }

  refundFor(orderId: string): RefundRow | undefined {
    return this.db.prepare('SELECT * FROM refunds WHERE order_id = ?').get(orderId) as
      RefundRow | undefined;
  }

  /** One refund per order: a second request returns the first. */
  refund(order: OrderRow, sessionId: string): { refund: RefundRow; created: boolean } {
    const row: RefundRow = {
      refund_id: `R-${randomUUID().slice(0, 8).toUpperCase()}`,
      order_id: order.order_id,
      amount_cents: order.total_cents,
      session_id: sessionId,
      created_at: new Date().toISOString(),
    };
    const inserted = this.db
      .prepare(
        `INSERT INTO refunds (refund_id, order_id, amount_cents, session_id, created_at)
         VALUES (@refund_id, @order_id, @amount_cents, @session_id, @created_at)
         ON CONFLICT (order_id) DO NOTHING`,
      )
      .run(row);
    return { refund: this.refundFor(order.order_id) ?? row, created: inserted.changes === 1 };
  }

  /** One booking per session and order (order '' when none was given). */
  book(
    sessionId: string,
    orderId: string,
    visit: { day: string; window: string },
  ): { booking: BookingRow; created: boolean } {
    const row: BookingRow = {
      booking_id: `T-${randomUUID().slice(0, 8).toUpperCase()}`,
      session_id: sessionId,
      order_id: orderId,
      visit_day: visit.day,
      visit_window: visit.window,
      created_at: new Date().toISOString(),
    };
    const inserted = this.db
      .prepare(
        `INSERT INTO bookings (booking_id, session_id, order_id, visit_day, visit_window, created_at)
         VALUES (@booking_id, @session_id, @order_id, @visit_day, @visit_window, @created_at)
         ON CONFLICT (session_id, order_id) DO NOTHING`,
      )
      .run(row);
    const booking = this.db
      .prepare('SELECT * FROM bookings WHERE session_id = ? AND order_id = ?')
      .get(sessionId, orderId) as BookingRow | undefined;
    return { booking: booking ?? row, created: inserted.changes === 1 };
  }

  openTicket(sessionId: string, reason: string): TicketRow {
    const row: TicketRow = {
      ticket_id: `H-${randomUUID().slice(0, 8).toUpperCase()}`,
      session_id: sessionId,
      reason,
      created_at: new Date().toISOString(),
    };
    this.db
      .prepare(
        'INSERT INTO tickets (ticket_id, session_id, reason, created_at) VALUES (@ticket_id, @session_id, @reason, @created_at)',
      )
      .run(row);
    return row;
  }

  close(): void {
    this.#db.close();
  }
}

function setUp(db: AgentDatabase): AgentDatabase {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO orders
     (order_id, customer, product, status, update_text, eta, total_cents, refund_block)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const count = db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number };
  if (count.n === 0) {
    db.transaction(() => {
      for (const o of SEED_ORDERS) {
        insert.run(
          o.orderId,
          o.customer,
          o.product,
          o.status,
          o.update,
          o.eta,
          o.totalCents,
          o.refundBlock,
        );
      }
    })();
  }
  return db;
}
