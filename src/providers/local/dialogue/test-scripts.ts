import type { DialogueScript, DialogueSlot } from '../../../spec/dialogue.ts';

/** An order number, as the confirming scripts ask for it. */
export const orderIdSlot: DialogueSlot = {
  name: 'order_id',
  kind: 'digits',
  minDigits: 4,
  maxDigits: 8,
  required: true,
  prompt: 'Which order number?',
};

/** A technician's component, named by its code or by what it is. */
export const componentSlot: DialogueSlot = {
  name: 'component',
  kind: 'enum',
  values: ['PMP-200', 'MTR-450'],
  synonyms: { 'PMP-200': ['pump'], 'MTR-450': ['motor'] },
  required: true,
  prompt: 'Component?',
};

/** What a reading is of, and its value: a safety reading's slots after the component. */
export const readingSlots: readonly DialogueSlot[] = [
  {
    name: 'quantity',
    kind: 'enum',
    values: ['pressure', 'temperature'],
    required: true,
    prompt: 'Which quantity?',
  },
  { name: 'value', kind: 'number', required: true, prompt: 'Value?' },
];

/** A small support-desk script in English, used by the tests. */
export const supportScript: DialogueScript = {
  fallbackReply: 'Sorry, could you say that again?',
  escalationReply: 'Let me get a colleague to help you.',
  useRetrieval: true,
  intents: [
    {
      name: 'order_status',
      examples: [
        'where is my order',
        'track my order',
        'what is the status of my order',
        'my order has not arrived yet',
      ],
      slots: [
        {
          name: 'order_id',
          kind: 'digits',
          minDigits: 4,
          maxDigits: 8,
          required: true,
          prompt: "What's your order number?",
        },
      ],
      tool: 'get_order_status',
      toolArguments: { orderId: 'order_id' },
      reply: 'Order {order_id:digits} is {result.status}, arriving {result.eta|soon}.',
      errorReply: "I couldn't find order {order_id:digits}. {error}",
    },
    {
      name: 'report_fault',
      examples: [
        'report a fault',
        'a machine is broken',
        'I want to report a problem with a component',
        'open a ticket',
      ],
      slots: [
        {
          name: 'component',
          kind: 'enum',
          values: ['PMP-200', 'VLV-310'],
          synonyms: { 'PMP-200': ['pump two hundred'], 'VLV-310': ['valve three ten'] },
          required: true,
          prompt: 'Which component is it?',
        },
        {
          name: 'severity',
          kind: 'enum',
          values: ['low', 'medium', 'high', 'critical'],
          synonyms: { critical: ['urgent', 'emergency'], low: ['minor'] },
          required: true,
          prompt: 'How severe is it: low, medium, high or critical?',
        },
      ],
      tool: 'create_ticket',
      toolConstants: { channel: 'voice' },
      reply: 'Ticket {result.ticketId} is open for {component}, severity {severity}.',
    },
    {
      name: 'set_temperature',
      examples: ['set the temperature', 'change the thermostat to', 'make it warmer'],
      slots: [
        {
          name: 'degrees',
          kind: 'number',
          required: true,
          prompt: 'What temperature would you like?',
        },
      ],
      tool: 'set_thermostat',
      reply: 'Done, the thermostat is at {result.degrees} degrees.',
    },
    {
      name: 'opening_hours',
      examples: ['what are your opening hours', 'when are you open'],
      reply: "We're open nine to five, Monday to Friday.",
    },
  ],
};

/** A small café script in Spanish, used by the tests. */
export const cafeScript: DialogueScript = {
  fallbackReply: '¿Perdona, me lo repites?',
  escalationReply: 'Ahora te atiende un compañero.',
  intents: [
    {
      name: 'pedir',
      examples: [
        'quiero un café',
        'me pone un café con leche',
        'un cortado por favor',
        'quería pedir',
      ],
      slots: [
        {
          name: 'bebida',
          kind: 'enum',
          values: ['café solo', 'café con leche', 'cortado', 'té'],
          synonyms: { 'café solo': ['expreso', 'café'] },
          required: true,
          prompt: '¿Qué te pongo?',
        },
        { name: 'cantidad', kind: 'number' },
      ],
      tool: 'hacer_pedido',
      reply: 'Marchando {bebida}. Son {result.total} euros.',
    },
    {
      name: 'estado_pedido',
      examples: ['dónde está mi pedido', 'cuánto tarda mi pedido', 'mi pedido no ha llegado'],
      slots: [
        {
          name: 'numero',
          kind: 'digits',
          minDigits: 3,
          required: true,
          prompt: '¿Cuál es tu número de pedido?',
        },
      ],
      tool: 'estado_pedido',
      reply: 'El pedido {numero:digits} está {result.estado}.',
    },
    {
      name: 'horario',
      examples: ['a qué hora abrís', 'cuál es el horario', 'hasta qué hora está abierto'],
      reply: 'Abrimos de ocho a ocho, todos los días.',
    },
  ],
};

/** An English script whose intents read requests back: unsure matches, safety values. */
export const confirmingScript: DialogueScript = {
  fallbackReply: 'Sorry, I did not get that.',
  escalationReply: 'Let me get a colleague to help you.',
  repromptPrefix: 'Say again.',
  intents: [
    {
      name: 'refund',
      examples: ['I want a refund', 'refund my order', 'I want my money back'],
      keywords: ['refund', 'money back'],
      confirm: 'Did you mean a refund for order {order_id:digits}?',
      slots: [orderIdSlot],
      tool: 'initiate_refund',
      reply: 'Refund started.',
    },
    {
      name: 'technician',
      examples: ['I need a technician', 'my internet is not working'],
      keywords: ['technician', 'internet'],
      confirm: 'Did you mean a technician visit?',
      tool: 'schedule_technician',
      reply: 'A technician is booked.',
    },
    {
      name: 'reading',
      examples: ['the reading on the motor is', 'temperature is at', 'pressure on the pump is'],
      keywords: ['reading', 'reads'],
      confirm: '{component} {quantity} {value}. Correct?',
      alwaysConfirm: true,
      slots: [componentSlot, ...readingSlots],
      tool: 'check_reading',
      reply: '{result.message}',
    },
  ],
};
