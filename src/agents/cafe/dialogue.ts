import type { DialogueScript } from '../../spec/dialogue.ts';
import { MENU } from './menu.ts';

const ITEMS = MENU.map((item) => item.name);
const ITEM_SYNONYMS = Object.fromEntries(
  MENU.map((item) => [item.name, [item.plural, ...(item.name === 'cruasán' ? ['croissant'] : [])]]),
);

/** The offline script: a grumpy Madrid waiter, in simple Spanish. */
export const CAFE_DIALOGUE: DialogueScript = {
  fallbackReply: '¿Cómo? No le entiendo. Hable más claro.',
  escalationReply: 'Mire, diga «quiero un café, por favor». Es fácil.',
  repromptPrefix: '¿Cómo?',
  intents: [
    {
      name: 'saludo',
      examples: ['hola', 'buenos días', 'hola buenas', 'buenas tardes'],
      reply: 'Buenos días. ¿Qué le pongo?',
    },
    {
      name: 'pedir',
      examples: [
        'quiero un café',
        'me pone una caña',
        'un café con leche por favor',
        'póngame un zumo de naranja',
        'quiero una tostada con tomate',
        'para mí un cortado',
        'me pones un té',
        'dos cafés por favor',
        'querría un bocadillo',
        'ponme una tortilla',
        'tráigame un agua',
        'yo tomo un chocolate',
      ],
      slots: [
        {
          name: 'verb',
          kind: 'enum',
          values: ['quiero', 'quiere', 'quieres', 'querer', 'soy', 'estoy', 'pone', 'póngame'],
        },
        {
          name: 'article',
          kind: 'enum',
          values: ['un', 'una', 'el', 'la', 'unos', 'unas', 'dos', 'tres'],
        },
        {
          name: 'item',
          kind: 'enum',
          values: ITEMS,
          synonyms: ITEM_SYNONYMS,
          required: true,
          prompt: 'Ya. ¿Y qué quiere tomar?',
        },
      ],
      tool: 'grammar_check',
      // The learner's own words: the check must see "dos cafés" as said, not "dos café"
      // rebuilt from the menu's singular.
      toolArguments: { user_input: '{said}' },
      reply: '{result.say} ¿Algo más?',
    },
    {
      name: 'ayuda',
      examples: [
        'no sé qué decir',
        'ayuda por favor',
        'qué digo',
        'help',
        'I do not know what to say',
        'no entiendo',
        'cómo se dice',
        'puede repetir',
      ],
      keywords: ['ayuda', 'help'],
      tool: 'hint_generator',
      reply: 'Ay... Diga: «{result.phrase}»',
    },
    {
      name: 'precio',
      examples: ['cuánto cuesta', 'qué precio tiene', 'cuánto vale un café', 'es caro'],
      keywords: ['precio', 'cuesta', 'vale'],
      reply: 'Está en la pizarra. El café, un euro veinte.',
    },
    {
      name: 'cuenta',
      examples: [
        'la cuenta por favor',
        'cuánto es todo',
        'quiero pagar',
        'me cobra',
        'cuánto le debo',
      ],
      keywords: ['cuenta', 'pagar', 'cobra'],
      reply: 'Tenga, la cuenta. Se paga en la barra.',
    },
    {
      name: 'despedida',
      examples: ['adiós', 'gracias adiós', 'hasta luego', 'nada más gracias', 'eso es todo'],
      reply: 'Hmm. Adiós.',
    },
    {
      name: 'ingles',
      examples: ['do you speak english', 'english please', 'can I have a coffee'],
      reply: 'Aquí se habla español. ¿Qué le pongo?',
    },
  ],
};
