import type { Migration } from '../../records/migrate.ts';

/**
 * The support desk's schema, the same SQL on SQLite and PostgreSQL (applied by the records'
 * `migrate`, versions kept in `parley_support_migrations`). Append new versions; never edit an
 * applied one. Version 1 uses IF NOT EXISTS so files made before migrations existed keep
 * their rows. One refund per order is the UNIQUE constraint on `refunds.order_id`: two workers
 * refunding at once cannot both succeed.
 */
export const SUPPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'support_desk',
    sql: `
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
);`,
  },
];

/** Where the applied versions are kept (records use `parley_migrations`). */
export const SUPPORT_MIGRATIONS_TABLE = 'parley_support_migrations';
