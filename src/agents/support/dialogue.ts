import type { DialogueScript, DialogueSlot } from '../../spec/dialogue.ts';

const orderId = (prompt: string): DialogueSlot => ({
  name: 'order_id',
  kind: 'digits',
  minDigits: 4,
  maxDigits: 8,
  required: true,
  prompt,
});

/** The offline script: the support desk's intents, slots, tool calls and replies. */
export const SUPPORT_DIALOGUE: DialogueScript = {
  fallbackReply:
    'Sorry, I did not get that. You can ask about an order, a refund or a technician visit.',
  escalationReply:
    "I'm not confident I understood. I'm passing you to a human colleague now. Is that all right?",
  useRetrieval: true,
  retrievalReply: '{answer} Does that answer your question?',
  intents: [
    {
      name: 'order_status',
      examples: [
        'where is my order',
        'what is the status of my order',
        'my order has not arrived',
        'I am still waiting for my order',
        'can you check my order',
        'track my delivery',
      ],
      slots: [orderId('I can check that. What is your order number?')],
      tool: 'get_order_status',
      reply:
        'Sorry for the wait. Order {order_id:digits} is {result.status}. {result.update} Expected: {result.eta}. Does that help?',
      // The tool's own words: a verification request, a wrong postcode, or that the system is down.
      errorReply: '{error}',
    },
    {
      name: 'refund',
      examples: [
        'I want a refund',
        'refund my order',
        'I want my money back',
        'can I get a refund for order',
        'please refund it',
      ],
      slots: [orderId('I can help with a refund. Which order number?')],
      tool: 'initiate_refund',
      // The tool says whether this started a refund or one was already requested.
      reply: '{result.message} Is there anything else?',
      errorReply: '{error} Would you like a human colleague to look at it?',
    },
    {
      // The second factor for a caller who is not signed in as the order's owner.
      name: 'postcode',
      examples: ['my postcode is', 'the postcode is', 'my post code is', 'my zip code is'],
      slots: [
        {
          name: 'postcode',
          kind: 'digits',
          minDigits: 5,
          maxDigits: 5,
          required: true,
          prompt: 'Please tell me the five digits of the postcode on your order.',
        },
      ],
      tool: 'verify_postcode',
      reply: 'Thank you, I have noted postcode {result.postcode}. Which order shall I look at?',
    },
    {
      name: 'technician',
      examples: [
        'I need a technician',
        'send an engineer',
        'my internet is not working',
        'book a technician visit',
        'someone needs to come and fix it',
        'I have no signal at home',
      ],
      tool: 'schedule_technician',
      reply:
        "That's frustrating, sorry. A technician is booked for {result.day}, {result.window}. Your booking is {result.booking_id}. Does that time work?",
    },
    {
      name: 'human',
      examples: [
        'let me talk to a human',
        'I want to speak to a person',
        'get me an agent',
        'transfer me to someone',
        'this is not helping',
      ],
      tool: 'escalate_to_human',
      toolConstants: { reason: 'Customer asked for a person' },
      reply:
        'Of course. A colleague will join in {result.wait}. Your ticket is {result.ticket_id}. Is that okay?',
    },
    {
      name: 'yes',
      examples: ['yes', 'yes please', 'that works', 'yes thanks', 'okay'],
      reply: 'Good. Anything else I can check for you?',
    },
    {
      name: 'goodbye',
      examples: ['no thank you', 'that is all', 'thanks bye', 'no that is everything', 'goodbye'],
      reply: 'Thanks for calling. Goodbye.',
    },
  ],
};
