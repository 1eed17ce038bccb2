import type { LabelledPair } from './pairs.ts';

/**
 * Questions callers ask, each said four ways (the first as written, then as
 * people and speech recognisers vary it). Groups are listed in sibling pairs
 * on the same topic (refund *time* / refund *eligibility*), so the
 * non-paraphrase pairs are hard ones: same words, a different answer.
 */
export const PARAPHRASE_GROUPS: readonly (readonly [string, string, string, string])[] = [
  [
    'How long does a refund take?',
    'when will I get my refund',
    'how many days until the money is back',
    'how quickly are refunds paid',
  ],
  [
    'Can I get a refund if I cancel?',
    'do I get my money back when I cancel',
    'is cancelling refundable',
    'if I cancel will you refund me',
  ],
  [
    'How do I reset my password?',
    'I forgot my password',
    'how can I get a new password',
    'I cannot remember my password what do I do',
  ],
  [
    'How do I change my email address?',
    'I want to update my email',
    'can I use a different email on my account',
    'how do I set a new email address',
  ],
  [
    'Where is my order?',
    'my order has not arrived',
    'has my parcel shipped yet',
    'can you track my package',
  ],
  [
    'Can I change the delivery address?',
    'I need the parcel sent somewhere else',
    'can you deliver to another address',
    'I moved, can the order go to my new place',
  ],
  [
    'Why is my bill so high this month?',
    'my bill is more than usual',
    'why was I charged so much',
    'this invoice is higher than normal',
  ],
  [
    'When is my bill due?',
    'what is the payment deadline',
    'when do I have to pay the invoice',
    'by what date is the bill due',
  ],
  [
    'My internet is not working',
    'the internet is down',
    'I have no connection at home',
    'the wifi stopped working',
  ],
  [
    'Why is my internet so slow?',
    'the connection is really slow',
    'my broadband speed is terrible',
    'pages take forever to load',
  ],
  [
    'I need a technician to come out',
    'can you send an engineer',
    'book me a repair visit',
    'someone has to come and fix the line',
  ],
  [
    'When is my technician coming?',
    'what time is the engineer arriving',
    'when is my repair appointment',
    'what day is the visit booked for',
  ],
  [
    'How do I cancel my contract?',
    'I want to end my contract',
    'how can I terminate the service',
    'I would like to cancel my subscription',
  ],
  [
    'How do I upgrade my plan?',
    'I want a faster package',
    'can I move to a bigger plan',
    'how do I get more speed on my plan',
  ],
  [
    'Which payment methods do you accept?',
    'how can I pay',
    'can I pay by card or transfer',
    'what ways of paying are there',
  ],
  [
    'Can I pay in instalments?',
    'can I split the payment',
    'is there a monthly payment option',
    'can I pay it off over time',
  ],
  [
    'I want to speak to a person',
    'let me talk to a human',
    'can I get a real agent',
    'put me through to someone',
  ],
  [
    'I want to make a complaint',
    'I am not happy with the service and want to complain',
    'how do I file a complaint',
    'I need to report bad service',
  ],
  [
    'Do you ship abroad?',
    'can you deliver outside the country',
    'do you send orders internationally',
    'is shipping to other countries possible',
  ],
  [
    'How much does shipping cost?',
    'what is the delivery fee',
    'how much do you charge for postage',
    'is delivery free',
  ],
  [
    'How do I return an item?',
    'I want to send something back',
    'what is the returns process',
    'how can I return my purchase',
  ],
  [
    'Is the item under warranty?',
    'does the warranty cover this',
    'how long is the guarantee',
    'is it still covered by the warranty',
  ],
  [
    'What is the maximum discharge pressure of the pump?',
    'what is the pump pressure limit',
    'how high can the pump discharge pressure go',
    'max pressure on the pump outlet',
  ],
  [
    'What is the maximum temperature of the motor?',
    'how hot can the motor run',
    'what is the motor temperature limit',
    'top operating temperature for the motor',
  ],
  [
    'How often should I change the gearbox oil?',
    'what is the gearbox oil change interval',
    'when is the gearbox oil due',
    'how many hours between gearbox oil changes',
  ],
  [
    'How often should I grease the bearing?',
    'what is the bearing greasing interval',
    'when do I lubricate the bearing',
    'how many hours between greasing the bearing',
  ],
  [
    'How do I start up the compressor?',
    'what is the compressor startup procedure',
    'steps to start the compressor',
    'how do I bring the compressor online',
  ],
  [
    'How do I shut down the compressor?',
    'what is the compressor shutdown procedure',
    'steps to stop the compressor safely',
    'how do I take the compressor offline',
  ],
  [
    'What is the torque for the gearbox bolts?',
    'how tight do the gearbox bolts go',
    'gearbox bolt torque value',
    'what torque on the gearbox housing bolts',
  ],
  [
    'What is the torque for the pump coupling?',
    'how tight does the pump coupling go',
    'pump coupling bolt torque',
    'what torque for the coupling on the pump',
  ],
  [
    'The pump is vibrating too much',
    'there is heavy vibration on the pump',
    'the pump is shaking badly',
    'high vibration reading on the pump',
  ],
  [
    'The motor is overheating',
    'the motor is running too hot',
    'motor temperature is way too high',
    'the motor keeps getting hot',
  ],
  [
    'How do I prime the pump?',
    'what are the priming steps for the pump',
    'how is the pump primed',
    'pump priming procedure',
  ],
  [
    'How do I bleed the heat exchanger?',
    'how do I vent air from the heat exchanger',
    'heat exchanger venting steps',
    'getting air out of the heat exchanger',
  ],
  [
    'What safety gear do I need for the valve?',
    'which protective equipment for working on the valve',
    'what PPE for the valve',
    'safety equipment needed at the valve',
  ],
  [
    'How do I lock out the valve?',
    'what is the lockout procedure for the valve',
    'how do I isolate the valve safely',
    'valve lockout tagout steps',
  ],
  [
    'What time do you open?',
    'when are you open',
    'what are your opening hours',
    'from what time can I call',
  ],
  [
    'What time do you close?',
    'when do you close today',
    'until what time are you open',
    'what are your closing hours',
  ],
  [
    'Can I add another person to my account?',
    'how do I add a user to the account',
    'can my partner be on the account too',
    'add an authorised person to my account',
  ],
  [
    'Can I remove someone from my account?',
    'how do I take a user off the account',
    'delete a person from my account',
    'remove an authorised user',
  ],
];

const pair = (a: string, b: string, same: boolean): LabelledPair => ({ a, b, same });

/**
 * Labelled pairs from the groups: every two phrasings of one question are a
 * paraphrase (6 a group); phrasing i of a question and phrasing i of its
 * sibling are not (4 a sibling pair), nor are the first phrasings of
 * neighbouring groups across siblings.
 */
export function paraphrasePairs(): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (const group of PARAPHRASE_GROUPS) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) pairs.push(pair(group[i]!, group[j]!, true));
  }
  for (let g = 0; g + 1 < PARAPHRASE_GROUPS.length; g += 2) {
    const a = PARAPHRASE_GROUPS[g]!;
    const b = PARAPHRASE_GROUPS[g + 1]!;
    for (let i = 0; i < a.length; i++) pairs.push(pair(a[i]!, b[i]!, false));
  }
  for (let g = 1; g + 1 < PARAPHRASE_GROUPS.length; g += 2) {
    pairs.push(pair(PARAPHRASE_GROUPS[g]![0], PARAPHRASE_GROUPS[g + 1]![0], false));
    pairs.push(pair(PARAPHRASE_GROUPS[g]![1], PARAPHRASE_GROUPS[g + 1]![2], false));
  }
  return pairs;
}
