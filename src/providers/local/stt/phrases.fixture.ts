/** A café agent's vocabulary and utterances used by the STT tests and measurements. */
export const CAFE_PHRASES = [
  'i would like a {size} {drink} [please]',
  'can i have a {drink} [please]',
  'what time do you close',
  'what time do you open',
  'do you have {food}',
  'how much is a {drink}',
  'cancel my order',
  'that is all thank you',
  'my phone number is {digits}',
  'a table for {digit} [please]',
  'yes please',
  'no thank you',
];

export const CAFE_SLOTS = {
  size: ['small', 'medium', 'large'],
  drink: ['coffee', 'tea', 'latte', 'cappuccino', 'hot chocolate', 'orange juice'],
  food: ['croissants', 'muffins', 'sandwiches', 'soup'],
};

/** Utterances inside the grammar. */
export const IN_GRAMMAR = [
  'i would like a large coffee please',
  'i would like a small latte',
  'can i have a cappuccino please',
  'can i have a hot chocolate',
  'what time do you close',
  'what time do you open',
  'do you have croissants',
  'do you have soup',
  'how much is a tea',
  'how much is a orange juice',
  'cancel my order',
  'that is all thank you',
  'my phone number is five five five one two three four',
  'a table for two please',
  'a table for four',
  'yes please',
  'no thank you',
  'i would like a medium hot chocolate please',
  'can i have a tea',
  'my phone number is eight six seven five three zero nine',
];

/** Utterances outside it, for the open-vocabulary fallback. */
export const OUT_OF_GRAMMAR = [
  'the weather is nice today',
  'where is the nearest train station',
  'my friend is coming later',
  'please turn off the music',
  'i would like to book a flight to boston',
  'can you tell me a joke',
  'what is the capital of france',
  'do you sell birthday cakes',
];
