/**
 * One worker process of the refund race: the support tools over the store in the
 * cluster's PostgreSQL (PARLEY_AGENTS_DATABASE_URL). Prints `ready`, waits for `go` on stdin,
 * asks for REFUNDS refunds of ORDER at once as the order's owner, prints the outcomes as JSON.
 */
import { createInterface } from 'node:readline';
import { agentStorageFromEnv } from '../../src/agents/shared/database.ts';
import { SupportStore } from '../../src/agents/support/store.ts';
import { supportTools } from '../../src/agents/support/tools.ts';
import { createToolRegistry } from '../../src/tools/index.ts';

const orderId = process.env['ORDER'] ?? '';
const owner = process.env['OWNER'] ?? '';
const refunds = Number(process.env['REFUNDS'] ?? 1);
const store = new SupportStore(agentStorageFromEnv(process.env, '/nonexistent'));
const tools = createToolRegistry(supportTools(store, { diagnosticStepMs: 0 }));
await store.order(orderId); // connected and migrated before the race starts
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
lines.close();
const outcomes = await Promise.all(
  Array.from({ length: refunds }, (_, i) =>
    tools.run(
      {
        id: `r${i}`,
        name: 'initiate_refund',
        argumentsJson: JSON.stringify({ order_id: orderId }),
      },
      {
        signal: AbortSignal.timeout(20_000),
        sessionId: `${process.pid}-${i}`,
        caller: { verifiedBy: 'signed-claims', subject: owner, claims: { customerId: owner } },
        reportProgress: () => undefined,
      },
    ),
  ),
);
process.stdout.write(
  `${JSON.stringify(outcomes.map((o) => (o.ok ? o.result : { error: o.error.message })))}\n`,
);
await store.close();
