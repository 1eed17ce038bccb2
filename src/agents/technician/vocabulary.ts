import type { SttVocabulary } from '../../spec/stt.ts';
import { COMPONENTS, QUANTITIES, SPOKEN_IDS } from './components.ts';
import { TECHNICIAN_DIALOGUE } from './dialogue.ts';

const alternatives = (items: readonly string[]) => `( ${items.join(' | ')} )`;

const COMPONENT = alternatives([
  ...Object.values(SPOKEN_IDS).flat(),
  ...Object.values(COMPONENTS).flatMap((c) => c.spoken),
]);
const QUANTITY = alternatives([...QUANTITIES, 'temp', 'amps']);
/** One spoken number word; phrases cannot use JSGF's `+`, so a value is up to four of them. */
const NUMBER_WORD =
  '( zero | one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve | fifteen | twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety | hundred | point )';
const NUMBER = `${NUMBER_WORD} [ ${NUMBER_WORD} ] [ ${NUMBER_WORD} ] [ ${NUMBER_WORD} ]`;
const UNIT =
  '[ ( bar | degrees | amps | volts | millimeters per second | percent | r p m | seconds ) ]';
const SEVERITY = '( low | medium | high | critical )';

/** What the offline recogniser listens for: readings, manual look-ups and incident reports. */
export const TECHNICIAN_VOCABULARY: SttVocabulary = {
  phrases: [
    `[the] ${QUANTITY} on [the] ${COMPONENT} is ${NUMBER} ${UNIT}`,
    `[the] ${COMPONENT} ${QUANTITY} is ${NUMBER} ${UNIT}`,
    `${QUANTITY} is ${NUMBER} ${UNIT}`,
    `${NUMBER} ${UNIT}`,
    `manual for [the] ${COMPONENT}`,
    `ranges for [the] ${COMPONENT}`,
    `limits for [the] ${COMPONENT}`,
    COMPONENT,
    'log an incident',
    `log [a] ${SEVERITY} incident`,
    SEVERITY,
    'seal leaking',
    'oil leak',
    'loud noise from the bearing',
    // Everything the offline script understands can be heard as said.
    ...TECHNICIAN_DIALOGUE.intents.flatMap((intent) => intent.examples),
  ],
  pronunciations: { amps: 'AE M P S' },
};
