import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AbortedError,
  InvalidToolArgumentsError,
  TimeoutError,
  ToolError,
} from '../spec/errors.ts';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { VirtualClock } from '../testing/virtual-clock.ts';
import { createToolRegistry, toolOutcomeContent } from './registry.ts';
import { compileSchema } from './validate.ts';

const lookup: AnyToolDefinition = {
  name: 'get_order_status',
  description: 'Look up an order',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string', pattern: '^[0-9]{4,}$' } },
    required: ['order_id'],
    additionalProperties: false,
  },
  execute: (args: { order_id: string }) =>
    Promise.resolve({ id: args.order_id, status: 'shipped' }),
};

const runOptions = (signal = new AbortController().signal) => ({
  signal,
  sessionId: 's1',
  reportProgress: () => undefined,
});

describe('tool registry', () => {
  it('runs a valid call and returns its result', async () => {
    const registry = createToolRegistry([lookup]);
    const outcome = await registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":"4571"}' },
      runOptions(),
    );
    assert.deepEqual(outcome, {
      ok: true,
      args: { order_id: '4571' },
      result: { id: '4571', status: 'shipped' },
    });
  });

  it('turns arguments that break the schema into an error the LLM can read', async () => {
    const registry = createToolRegistry([lookup]);
    const outcome = await registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":"abc"}' },
      runOptions(),
    );
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.error instanceof InvalidToolArgumentsError);
    assert.match(toolOutcomeContent(outcome), /order_id must match pattern/);
  });

  it('turns malformed JSON into an error instead of throwing', async () => {
    const registry = createToolRegistry([lookup]);
    const outcome = await registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":' },
      runOptions(),
    );
    assert.ok(!outcome.ok && /not valid JSON/.test(outcome.error.message));
  });

  it('refuses a tool the agent does not have', async () => {
    const registry = createToolRegistry([lookup]);
    const outcome = await registry.run(
      { id: 'c1', name: 'delete_everything', argumentsJson: '{}' },
      runOptions(),
    );
    assert.ok(!outcome.ok && /Unknown tool delete_everything/.test(outcome.error.message));
  });

  it('wraps a tool that throws in a ToolError with the cause kept', async () => {
    const boom = new Error('database is down');
    const registry = createToolRegistry([{ ...lookup, execute: () => Promise.reject(boom) }]);
    const outcome = await registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":"4571"}' },
      runOptions(),
    );
    assert.ok(!outcome.ok && outcome.error instanceof ToolError && outcome.error.cause === boom);
  });

  it('times out a slow tool on the clock and aborts its signal', async () => {
    const clock = new VirtualClock();
    let toolSignal: AbortSignal | undefined;
    const slow: AnyToolDefinition = {
      ...lookup,
      timeoutMs: 500,
      execute: (_args: unknown, context) => {
        toolSignal = context.signal;
        return new Promise(() => undefined);
      },
    };
    const registry = createToolRegistry([slow], { clock });
    const pending = registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":"4571"}' },
      runOptions(),
    );
    await clock.advance(499);
    assert.equal(toolSignal?.aborted, false);
    await clock.advance(1);
    const outcome = await pending;
    assert.ok(!outcome.ok && outcome.error instanceof TimeoutError);
    assert.equal(toolSignal?.aborted, true);
    assert.equal(clock.pendingTimers, 0);
  });

  it('rejects with AbortedError when the caller aborts, leaving no timer', async () => {
    const clock = new VirtualClock();
    const registry = createToolRegistry(
      [{ ...lookup, execute: () => new Promise(() => undefined) }],
      { clock },
    );
    const controller = new AbortController();
    const pending = registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":"4571"}' },
      runOptions(controller.signal),
    );
    controller.abort();
    await assert.rejects(pending, AbortedError);
    assert.equal(clock.pendingTimers, 0);
  });

  it('forwards progress reports while the tool runs', async () => {
    const progress: [number, string | undefined][] = [];
    const registry = createToolRegistry([
      {
        ...lookup,
        execute: (_args: unknown, context) => {
          context.reportProgress(0.5, 'checking');
          return Promise.resolve('done');
        },
      },
    ]);
    await registry.run(
      { id: 'c1', name: 'get_order_status', argumentsJson: '{"order_id":"4571"}' },
      { ...runOptions(), reportProgress: (f, l) => progress.push([f, l]) },
    );
    assert.deepEqual(progress, [[0.5, 'checking']]);
  });

  it('compiles an equal schema once, even when each session builds its own copy', () => {
    const copy = (): AnyToolDefinition => ({
      ...lookup,
      parameters: structuredClone(lookup.parameters),
    });
    const first = createToolRegistry([copy()]);
    const second = createToolRegistry([copy()]);
    assert.notEqual(
      first.get('get_order_status')?.parameters,
      second.get('get_order_status')?.parameters,
    );
    assert.equal(
      compileSchema(first.get('get_order_status')!.parameters),
      compileSchema(second.get('get_order_status')!.parameters),
    );
  });
});
