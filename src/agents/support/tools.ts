import { ParleyError, ToolError } from '../../spec/errors.ts';
import type { ToolContext, ToolDefinition } from '../../spec/tool.ts';
import { StorageUnavailableError } from '../shared/database.ts';
import { runChecks } from '../shared/steps.ts';
import { accessRefusal, decideOrderAccess, normalPostcode, spoken } from './ownership.ts';
import { defineTools } from '../../agent-files/setup.ts';
import { agentStorageFromEnv } from '../shared/database.ts';
import { SupportStore, type OrderRow } from './store.ts';
import { nextVisitSlot } from './visit-slot.ts';

export interface SupportToolOptions {
  /** Time each simulated diagnostic check takes (the UI's progress bar moves per check). */
  readonly diagnosticStepMs?: number;
  /** Where storage failures are logged (one line, with the session id). Default console.error. */
  readonly log?: (line: string) => void;
}

const ORDER_ID = {
  type: 'string',
  pattern: '^[0-9]{3,8}$',
  description: 'The order number, digits only, e.g. "4571".',
} as const;

const POSTCODE = {
  type: 'string',
  pattern: '^[0-9A-Za-z -]{3,10}$',
  description:
    'The postcode on the order, when the caller gives it: needed unless the caller is signed in as its owner.',
} as const;

const ORDER_ARGS = {
  type: 'object',
  properties: { order_id: ORDER_ID, postcode: POSTCODE },
  required: ['order_id'],
  additionalProperties: false,
} as const;

const CHECKS = [
  'Finding your order',
  'Checking payment',
  'Checking the warehouse',
  'Checking the courier',
];

function euros(cents: number): string {
  return `${(cents / 100).toFixed(2)} euros`;
}

export function supportTools(store: SupportStore, options: SupportToolOptions = {}) {
  const stepMs = options.diagnosticStepMs ?? 400;
  const log = options.log ?? ((line: string) => console.error(line));

  /** Runs a storage step; any failure of the store becomes StorageUnavailableError, logged. */
  async function storage<T>(
    toolName: string,
    context: ToolContext,
    step: () => Promise<T>,
  ): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof ToolError) throw error;
      const reason =
        ParleyError.isInstance(error) || error instanceof Error ? error.message : String(error);
      log(`support: session ${context.sessionId}: ${toolName} could not reach storage: ${reason}`);
      throw new StorageUnavailableError(toolName, { cause: error });
    }
  }

  /** The order, when this caller may see it; otherwise a ToolError saying what is needed. */
  async function authorizedOrder(
    toolName: string,
    args: { order_id: string; postcode?: string },
    context: ToolContext,
  ): Promise<OrderRow> {
    const access = await storage(toolName, context, async () => {
      if (args.postcode !== undefined)
        await store.claimPostcode(context.sessionId, normalPostcode(args.postcode));
      const decided = decideOrderAccess({
        order: await store.order(args.order_id),
        caller: context.caller,
        check: await store.callerCheck(context.sessionId),
      });
      if (decided.kind === 'wrong-postcode') await store.recordFailedCheck(context.sessionId);
      return decided;
    });
    if ('order' in access) return access.order;
    throw accessRefusal(access, args.order_id, toolName);
  }

  const getOrderStatus: ToolDefinition<{ order_id: string; postcode?: string }> = {
    name: 'get_order_status',
    description:
      'Looks up an order and runs the diagnostic checks (payment, warehouse, courier). Returns status, the update to tell the customer, and the delivery estimate. Only for its owner, or a caller who gives the postcode on the order.',
    parameters: ORDER_ARGS,
    filler: "I'm checking on your order now…",
    timeoutMs: 15_000,
    async execute(args, context) {
      const order = await authorizedOrder('get_order_status', args, context);
      await runChecks(CHECKS, stepMs, context);
      const refund = await storage('get_order_status', context, () =>
        store.refundFor(args.order_id),
      );
      return {
        order_id: args.order_id,
        product: order.product,
        status: order.status,
        update: order.update_text,
        eta: order.eta,
        refund: refund ? refund.refund_id : '',
      };
    },
  };

  const initiateRefund: ToolDefinition<{ order_id: string; postcode?: string }> = {
    name: 'initiate_refund',
    description:
      'Refunds an order in full to the original payment method. Idempotent: asking twice returns the first refund with already_requested true. Fails when the order is not eligible. Only for its owner, or a caller who gives the postcode on the order.',
    parameters: ORDER_ARGS,
    sideEffects: true,
    async execute(args, context) {
      const order = await authorizedOrder('initiate_refund', args, context);
      if (order.refund_block)
        throw new ToolError(
          `${order.refund_block} So order ${spoken(args.order_id)} can't be refunded.`,
          'initiate_refund',
        );
      const { refund, created } = await storage('initiate_refund', context, () =>
        store.refund(order, context.sessionId),
      );
      const amount = euros(refund.amount_cents);
      return {
        order_id: args.order_id,
        refund_id: refund.refund_id,
        amount,
        already_requested: !created,
        arrives: 'within 5 working days',
        message: created
          ? `Done. Refund ${refund.refund_id} for ${amount} is on its way. It arrives within 5 working days.`
          : `Refund ${refund.refund_id} for ${amount} was already requested for this order, so nothing new was started. It arrives within 5 working days of that request.`,
      };
    },
  };

  const verifyPostcode: ToolDefinition<{ postcode: string }> = {
    name: 'verify_postcode',
    description:
      'Notes the postcode the caller gives to prove an order is theirs (the second factor). It is checked when an order is looked up or refunded.',
    parameters: {
      type: 'object',
      properties: { postcode: POSTCODE },
      required: ['postcode'],
      additionalProperties: false,
    },
    async execute({ postcode }, context) {
      await storage('verify_postcode', context, () =>
        store.claimPostcode(context.sessionId, normalPostcode(postcode)),
      );
      return { noted: true, postcode: spoken(normalPostcode(postcode)) };
    },
  };

  const scheduleTechnician: ToolDefinition<{ order_id?: string }> = {
    name: 'schedule_technician',
    description:
      'Books a technician visit at the next free slot. One booking per conversation and order: asking again returns the same booking.',
    parameters: {
      type: 'object',
      properties: { order_id: ORDER_ID },
      additionalProperties: false,
    },
    sideEffects: true,
    async execute({ order_id }, context) {
      const { booking, created } = await storage('schedule_technician', context, () =>
        store.book(context.sessionId, order_id ?? '', nextVisitSlot(new Date())),
      );
      return {
        booking_id: booking.booking_id,
        day: booking.visit_day,
        window: booking.visit_window,
        already_booked: !created,
      };
    },
  };

  const escalateToHuman: ToolDefinition<{ reason: string }> = {
    name: 'escalate_to_human',
    description:
      'Hands the conversation to a human colleague when you are not confident you can solve it, or the customer asks for a person.',
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
      required: ['reason'],
      additionalProperties: false,
    },
    sideEffects: true,
    async execute({ reason }, context) {
      const ticket = await storage('escalate_to_human', context, () =>
        store.openTicket(context.sessionId, reason),
      );
      return { ticket_id: ticket.ticket_id, wait: 'about two minutes' };
    },
  };

  return [getOrderStatus, initiateRefund, verifyPostcode, scheduleTechnician, escalateToHuman];
}

/**
 * The agent file's tools: over `support.sqlite` in the deployment's data folder (seeded on first
 * use), or PostgreSQL when the environment names one (`agentStorageFromEnv`: a cluster's workers
 * share their orders).
 */
export default defineTools(({ dataDir, log }) =>
  supportTools(new SupportStore(agentStorageFromEnv(process.env, dataDir)), { log }),
);
