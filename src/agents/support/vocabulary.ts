import type { SttVocabulary } from '../../spec/stt.ts';
import { SUPPORT_DIALOGUE } from './dialogue.ts';

/** Phrases the offline recogniser listens for (a JSGF grammar beside the open language model). */
export const SUPPORT_VOCABULARY: SttVocabulary = {
  phrases: [
    'where is my order',
    'where is my order {digits}',
    'what is the status of order {digits}',
    'i want my money back for order {digits}',
    'refund order {digits}',
    'what is the status of my order',
    'my order has not arrived',
    'can you check my order',
    'my order number is {digits}',
    'order {digits}',
    '{digits}',
    'it is {digits}',
    'i want a refund',
    'i want a refund for order {digits}',
    'i want my money back',
    'i need a technician',
    'my internet is not working',
    'book a technician visit',
    'let me talk to a human',
    'i want to speak to a person',
    'yes',
    'yes please',
    'okay',
    'no thank you',
    'that is all',
    'goodbye',
    // Everything the offline script understands can be heard as said.
    ...SUPPORT_DIALOGUE.intents.flatMap((intent) => intent.examples),
  ],
  keywords: ['refund', 'technician', 'order', 'human'],
  pronunciations: { postcode: 'P OW S T K OW D' },
};
