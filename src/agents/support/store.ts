import { lazyDatabase, openAgentDatabase, type AgentDatabase } from '../shared/database.ts';
import { randomId } from '../shared/ids.ts';
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY, customer TEXT NOT NULL, customer_id TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '', product TEXT NOT NULL, status TEXT NOT NULL,
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
);
CREATE TABLE IF NOT EXISTS caller_checks (
  session_id TEXT PRIMARY KEY, postcode TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0
);`;

/** Columns added after the first release: old databases get them on open. */
const ADDED_ORDER_COLUMNS = ['customer_id', 'postcode'] as const;

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

  /** The postcode this session's caller gave (the second factor), and wrong matches so far. */
  callerCheck(sessionId: string): { postcode: string; failures: number } {
    const row = this.db
      .prepare('SELECT postcode, failures FROM caller_checks WHERE session_id = ?')
      .get(sessionId) as { postcode: string; failures: number } | undefined;
    return row ?? { postcode: '', failures: 0 };
  }

  /** Records the postcode the caller gave; a later one replaces it. */
  claimPostcode(sessionId: string, postcode: string): void {
    this.db
      .prepare(
        `INSERT INTO caller_checks (session_id, postcode, failures) VALUES (?, ?, 0)
         ON CONFLICT (session_id) DO UPDATE SET postcode = excluded.postcode`,
      )
      .run(sessionId, postcode);
  }

  /** Counts one postcode that did not match the order asked about. */
  recordFailedCheck(sessionId: string): void {
    this.db
      .prepare(
        `INSERT INTO caller_checks (session_id, postcode, failures) VALUES (?, '', 1)
         ON CONFLICT (session_id) DO UPDATE SET failures = failures + 1`,
      )
      .run(sessionId);
  }

  /** One refund per order: a second request returns the first. */
  refund(order: OrderRow, sessionId: string): { refund: RefundRow; created: boolean } {
    const row: RefundRow = {
      refund_id: randomId('R'),
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
      booking_id: randomId('T'),
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
      ticket_id: randomId('H'),
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
  addOrderColumns(db);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO orders
     (order_id, customer, customer_id, postcode, product, status, update_text, eta, total_cents, refund_block)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const count = db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number };
  if (count.n === 0) {
    db.transaction(() => {
      for (const o of SEED_ORDERS) {
        insert.run(
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
        );
      }
    })();
  }
  return db;
}

/** A database made before owners and postcodes existed gets the columns, filled from the seed. */
function addOrderColumns(db: AgentDatabase): void {
  const columns = db.prepare('PRAGMA table_info(orders)').all() as { name: string }[];
  const missing = ADDED_ORDER_COLUMNS.filter((name) => !columns.some((c) => c.name === name));
  if (missing.length === 0) return;
  db.transaction(() => {
    for (const name of missing)
      db.exec(`ALTER TABLE orders ADD COLUMN ${name} TEXT NOT NULL DEFAULT ''`);
    const update = db.prepare('UPDATE orders SET customer_id = ?, postcode = ? WHERE order_id = ?');
    for (const o of SEED_ORDERS) update.run(o.customerId, o.postcode, o.orderId);
  })();
}
