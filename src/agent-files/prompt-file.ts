import { parseFrontMatter } from '../rag/front-matter.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';

/** What `prompt.md` gives an agent: everything but its tools, knowledge and script. */
export type PromptFileAgent = Omit<AgentDefinition, 'tools' | 'knowledgeDir' | 'dialogue'>;

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const numberField = (value: string | undefined, key: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new ConfigError(`prompt.md: ${key} must be a number, not "${value}"`);
  return n;
};
const numbers = (block: Readonly<Record<string, string>> | undefined, name: string) =>
  Object.fromEntries(
    Object.entries(block ?? {}).map(([key, value]) => [key, numberField(value, `${name}.${key}`)]),
  );

/**
 * Reads an agent's `prompt.md`: front matter for its name and knobs, the body as its system
 * prompt. Front matter (all optional but `name`):
 *
 * ```
 * ---
 * id: my-agent            # default: the folder name
 * name: My agent
 * description: What it does, for the agent picker.
 * language: en-US
 * greeting: Hello! How can I help?
 * input: vad              # or push-to-talk
 * accent: '#2563eb'
 * voice:                  # per TTS provider, plus `rate` (1 = normal)
 *   local: en-us
 *   openai: alloy
 *   rate: 1
 * endOfTurn:              # any EndOfTurnConfig field, in ms
 *   completeSilenceMs: 300
 * interruption:
 *   minSpeechMs: 120
 * backchannels: mhm, okay, yeah
 * ---
 * You are …
 * ```
 */
export function parsePromptFile(text: string, folderName: string): PromptFileAgent {
  const { fields, blocks, body } = parseFrontMatter(text);
  const id = fields['id'] ?? folderName;
  if (!ID.test(id))
    throw new ConfigError(`prompt.md: id "${id}" must be lowercase letters, digits and dashes`);
  const name = fields['name'];
  if (!name) throw new ConfigError('prompt.md: front matter needs a name');
  const systemPrompt = body.trim();
  if (systemPrompt === '')
    throw new ConfigError('prompt.md: the body (the system prompt) is empty');
  const input = fields['input'] ?? 'vad';
  if (input !== 'vad' && input !== 'push-to-talk') {
    throw new ConfigError(`prompt.md: input must be vad or push-to-talk, not "${input}"`);
  }
  const voice = blocks['voice'] ?? {};
  const { rate, ...voices } = voice;
  const speakingRate = numberField(rate, 'voice.rate');
  const backchannels = fields['backchannels']
    ?.split(',')
    .map((word) => word.trim())
    .filter(Boolean);
  const interruption = {
    ...numbers(blocks['interruption'], 'interruption'),
    ...(backchannels && { backchannels }),
  };
  return {
    id,
    name,
    description: fields['description'] ?? '',
    language: fields['language'] ?? 'en-US',
    systemPrompt,
    ui: {
      page: 'agent.html',
      title: fields['title'] ?? name,
      ...(fields['accent'] !== undefined && {
        accentColor: fields['accent'].replace(/^['"]|['"]$/g, ''),
      }),
    },
    ...(fields['greeting'] !== undefined && { greeting: fields['greeting'] }),
    inputMode: input,
    ...((Object.keys(voices).length > 0 || speakingRate !== undefined) && {
      voice: {
        ...(voices['local'] !== undefined && { voice: voices['local'] }),
        ...(speakingRate !== undefined && { speakingRate }),
        ...(Object.keys(voices).length > 0 && { voices }),
      },
    }),
    ...(blocks['endOfTurn'] && { endOfTurn: numbers(blocks['endOfTurn'], 'endOfTurn') }),
    ...(Object.keys(interruption).length > 0 && { interruption }),
  } as PromptFileAgent;
}
