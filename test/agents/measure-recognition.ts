/**
 * Recognition of each agent's phrases through the offline STT (pocketsphinx
 * with the agent's vocabulary) on synthetic speech: flite kal16 for English,
 * espeak-ng `es` for the café. Run: node --import tsx test/agents/measure-recognition.ts
 */
import {
  createCafeAgent,
  createSupportAgent,
  createTechnicianAgent,
} from '../../src/agents/index.ts';
import { buildIntentIndex, matchIntent } from '../../src/providers/local/dialogue/index.ts';
import { createPocketsphinxStt } from '../../src/providers/local/stt/index.ts';
import { audioInputs } from '../../src/providers/local/stt/test-speech.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import { synthesizeSpeech, tempDir } from './harness.ts';

const PHRASES: Readonly<Record<string, readonly string[]>> = {
  support: [
    'where is my order',
    'my order number is four five seven one',
    'i want a refund',
    'i need a technician',
    'let me talk to a human',
    'yes please',
    'no thank you',
    'can you check my order',
    'my internet is not working',
    'i want my money back',
  ],
  cafe: [
    'hola buenos dias',
    'quiero un cafe con leche por favor',
    'un cortado por favor',
    'una cana por favor',
    'me pone un zumo de naranja',
    'la cuenta por favor',
    'no se que decir',
    'quiero una tostada con tomate',
    'gracias adios',
    'dos cafes',
  ],
  technician: [
    'pressure on the pump is seven point two bar',
    'vibration on the gearbox is three',
    'manual for the pump',
    'log an incident',
    'high',
    'the motor current is forty five amps',
    'ranges for the compressor',
    'the temperature on m t r four fifty is ninety five degrees',
    'seal leaking',
    'critical',
  ],
};

async function heard(agent: AgentDefinition, text: string): Promise<string> {
  const spanish = agent.language.startsWith('es');
  // No Spanish acoustic model: the café runs its grammar only, never the English language model.
  const stt = createPocketsphinxStt({ fallback: spanish ? 'none' : 'lm' });
  const samples = await synthesizeSpeech(
    text,
    spanish ? { kind: 'espeak', voice: 'es' } : { kind: 'flite' },
  );
  const finals: string[] = [];
  for await (const part of stt.stream({
    audio: audioInputs(samples),
    sampleRate: 16_000,
    ...(agent.vocabulary && { vocabulary: agent.vocabulary }),
    signal: AbortSignal.timeout(30_000),
  })) {
    if (part.type === 'final' && part.text) finals.push(part.text);
  }
  return finals.join(' ');
}

const dir = await tempDir();
try {
  const agents = [
    createSupportAgent({ dataDir: dir.path }).agent,
    createCafeAgent(),
    createTechnicianAgent({ dataDir: dir.path }).agent,
  ];
  for (const agent of agents) {
    let exact = 0;
    let sameIntent = 0;
    const index = buildIntentIndex(agent.dialogue?.intents ?? []);
    const threshold = agent.dialogue?.matchThreshold ?? 0.5;
    const intentOf = (text: string) => matchIntent(index, text, threshold)?.intent.name;
    const phrases = PHRASES[agent.id] ?? [];
    for (const text of phrases) {
      const result = await heard(agent, text);
      const intent = intentOf(text);
      if (result === text) exact++;
      else console.log(`  ${agent.id}: "${text}" → "${result}"`);
      // A slot answer ("high", "yes please") has no intent of its own: only an exact hit counts.
      if (result === text || (intent !== undefined && intentOf(result) === intent)) sameIntent++;
    }
    console.log(
      `${agent.id}: ${exact}/${phrases.length} recognised exactly, ${sameIntent}/${phrases.length} to the right intent`,
    );
  }
} finally {
  await dir.remove();
}
