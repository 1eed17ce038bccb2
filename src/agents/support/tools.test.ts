import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS_CALLER, type CallerIdentity } from '../../spec/identity.ts';
import { createToolRegistry, type ToolOutcome } from '../../tools/index.ts';
import { StorageUnavailableError } from '../shared/database.ts';
import { SupportStore } from './store.ts';
import { supportTools } from './tools.ts';

const owner: CallerIdentity = {
  verifiedBy: 'signed-claims',
  subject: 'u-dana',
  claims: { customerId: 'C-1001' },
};
const stranger: CallerIdentity = {
  verifiedBy: 'signed-claims',
  subject: 'u-mallory',
  claims: { customerId: 'C-9999' },
};

describe('support tools enforce who may see and refund an order', () => {
  let dir: string;
  let store: SupportStore;
  const logs: string[] = [];
  let registry: ReturnType<typeof createToolRegistry>;
  let callId = 0;

  const call = (sessionId: string, caller: CallerIdentity, name: string, args: object) =>
    registry.run(
      { id: `c${++callId}`, name, argumentsJson: JSON.stringify(args) },
      { signal: new AbortController().signal, sessionId, caller, reportProgress: () => undefined },
    );
  const errorOf = (outcome: ToolOutcome) => (outcome.ok ? '' : outcome.error.message);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-support-tools-'));
    store = new SupportStore(dir);
    registry = createToolRegistry(
      supportTools(store, { diagnosticStepMs: 0, log: (line) => logs.push(line) }),
    );
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the owner (signed customerId) read and refund their order', async () => {
    const status = await call('s-owner', owner, 'get_order_status', { order_id: '4571' });
    assert.equal(status.ok && (status.result as { status: string }).status, 'delayed');
    const refund = await call('s-owner', owner, 'initiate_refund', { order_id: '4571' });
    assert.ok(refund.ok);
    assert.match((refund.result as { message: string }).message, /^Done\. Refund R-/);
  });

  it('refuses another caller, anonymous or signed in, and leaks nothing of the order', async () => {
    for (const [sessionId, caller] of [
      ['s-anon', ANONYMOUS_CALLER],
      ['s-stranger', stranger],
    ] as const) {
      const status = await call(sessionId, caller, 'get_order_status', { order_id: '4571' });
      const refund = await call(sessionId, caller, 'initiate_refund', { order_id: '1234' });
      assert.match(errorOf(status), /I need the postcode on order 4 5 7 1/);
      assert.match(errorOf(refund), /I need the postcode on order 1 2 3 4/);
      assert.doesNotMatch(JSON.stringify([status, refund]), /R-|delayed|Dana|8900|89\.00/);
    }
    assert.equal(await store.refundFor('1234'), undefined);
  });

  it("answers an unknown order exactly like a stranger's, so ids cannot be enumerated", async () => {
    const unknown = await call('s-enum', ANONYMOUS_CALLER, 'get_order_status', {
      order_id: '0001',
    });
    const known = await call('s-enum', ANONYMOUS_CALLER, 'get_order_status', { order_id: '2048' });
    assert.equal(errorOf(unknown).replace('0 0 0 1', '#'), errorOf(known).replace('2 0 4 8', '#'));
  });

  it('opens an order to a caller who gives its postcode, and locks after three wrong ones', async () => {
    await call('s-pc', ANONYMOUS_CALLER, 'verify_postcode', { postcode: '08 001' });
    const status = await call('s-pc', ANONYMOUS_CALLER, 'get_order_status', { order_id: '1234' });
    assert.equal(status.ok && (status.result as { status: string }).status, 'shipped');
    for (const order_id of ['4571', '2048', '3300']) {
      const other = await call('s-pc', ANONYMOUS_CALLER, 'get_order_status', { order_id });
      assert.match(errorOf(other), /does not match/);
    }
    const locked = await call('s-pc', ANONYMOUS_CALLER, 'get_order_status', {
      order_id: '6021',
      postcode: '29005',
    });
    assert.match(errorOf(locked), /after several tries/);
  });

  it('tells the truth when a refund was already requested', async () => {
    const again = await call('s-owner-2', owner, 'initiate_refund', { order_id: '4571' });
    const result = again.ok
      ? (again.result as { already_requested: boolean; message: string })
      : undefined;
    assert.equal(result?.already_requested, true);
    assert.match(result?.message ?? '', /was already requested .* nothing new was started/);
    assert.doesNotMatch(result?.message ?? '', /^Done/);
  });

  it('turns a storage failure into "cannot reach the system", logged with the session id', async () => {
    // A file where the data folder should be: unwritable even for root.
    await writeFile(join(dir, 'not-a-dir'), '');
    const broken = new SupportStore(join(dir, 'not-a-dir', 'data'));
    const tools = createToolRegistry(
      supportTools(broken, { diagnosticStepMs: 0, log: (line) => logs.push(line) }),
    );
    const outcome = await tools.run(
      { id: 'x1', name: 'get_order_status', argumentsJson: '{"order_id":"4571"}' },
      {
        signal: new AbortController().signal,
        sessionId: 's-broken',
        caller: owner,
        reportProgress: () => undefined,
      },
    );
    assert.ok(!outcome.ok && outcome.error instanceof StorageUnavailableError);
    assert.match(errorOf(outcome), /can't reach our system right now/);
    assert.doesNotMatch(errorOf(outcome), /find|not found|no order/i);
    assert.match(
      logs.at(-1) ?? '',
      /session s-broken: get_order_status could not reach storage: .*not writable/,
    );
  });
});
