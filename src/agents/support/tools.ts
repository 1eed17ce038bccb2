import { ToolError } from '../../spec/errors.ts';
import type { ToolDefinition } from '../../spec/tool.ts';
import { runChecks } from '../shared/steps.ts';
import type { SupportStore } from './store.ts';
import { nextVisitSlot } from './visit-slot.ts';

export interface SupportToolOptions {
  /** Time each simulated diagnostic check takes (the UI's progress bar moves per check). */
  readonly diagnosticStepMs?: number;
}

const ORDER_ID = {
  type: 'string',
  pattern: '^[0-9]{3,8}$',
  description: 'The order number, digits only, e.g. "4571".',
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
  const findOrder = (toolName: string, orderId: string) => {
    const order = store.order(orderId);
    if (!order) throw new ToolError(`There is no order ${orderId} on file.`, toolName);
    return order;
  };

  const getOrderStatus: ToolDefinition<{ order_id: string }> = {
    name: 'get_order_status',
    description:
      'Looks up an order and runs the diagnostic checks (payment, warehouse, courier). Returns status, the update to tell the customer, and the delivery estimate.',
    parameters: {
      type: 'object',
      properties: { order_id: ORDER_ID },
      required: ['order_id'],
      additionalProperties: false,
    },
    filler: "I'm checking on your order now…",
    timeoutMs: 15_000,
    async execute({ order_id }, context) {
      await runChecks(CHECKS, stepMs, context);
      const order = findOrder('get_order_status', order_id);
      const refund = store.refundFor(order_id);
      return {
        order_id,
        product: order.product,
        status: order.status,
        update: order.update_text,
        eta: order.eta,
        refund: refund ? refund.refund_id : '',
      };
    },
  };

  const initiateRefund: ToolDefinition<{ order_id: string }> = {
    name: 'initiate_refund',
    description:
      'Refunds an order in full to the original payment method. Idempotent: asking twice returns the first refund. Fails when the order is not eligible.',
    parameters: {
      type: 'object',
      properties: { order_id: ORDER_ID },
      required: ['order_id'],
      additionalProperties: false,
    },
    sideEffects: true,
    execute({ order_id }, context) {
      const order = findOrder('initiate_refund', order_id);
      if (order.refund_block) throw new ToolError(order.refund_block, 'initiate_refund');
      const { refund, created } = store.refund(order, context.sessionId);
      return Promise.resolve({
        order_id,
        refund_id: refund.refund_id,
        amount: euros(refund.amount_cents),
        already_requested: !created,
        arrives: 'within 5 working days',
      });
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
    execute({ order_id }, context) {
      if (order_id !== undefined) findOrder('schedule_technician', order_id);
      const { booking, created } = store.book(
        context.sessionId,
        order_id ?? '',
        nextVisitSlot(new Date()),
      );
      return Promise.resolve({
        booking_id: booking.booking_id,
        day: booking.visit_day,
        window: booking.visit_window,
        already_booked: !created,
      });
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
    execute({ reason }, context) {
      const ticket = store.openTicket(context.sessionId, reason);
      return Promise.resolve({ ticket_id: ticket.ticket_id, wait: 'about two minutes' });
    },
  };

  return [getOrderStatus, initiateRefund, scheduleTechnician, escalateToHuman];
}
