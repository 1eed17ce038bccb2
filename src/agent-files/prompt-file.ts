import { parseFrontMatter } from '../rag/front-matter.ts';
import type {
  AgentDefinition,
  AgentVoice,
  VoiceDescription,
  VoiceProvider,
} from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';

/** What `prompt.md` gives an agent: everything but its tools, knowledge and script. */
export type PromptFileAgent = Omit<AgentDefinition, 'tools' | 'knowledgeDir' | 'dialogue'>;

/** Drops a trailing ` # comment` and one pair of surrounding quotes from each value. */
const cleanValues = (record: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      value.replace(/\s+#.*$/, '').replace(/^(['"])(.*)\1$/, '$2'),
    ]),
  );

/** A comma-separated field as a list (undefined when absent). */
const list = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The standard call page (web/agent.html), unless `page:` or a `ui/index.html` says otherwise. */
export const DEFAULT_PAGE = 'agent.html';
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
 * echoCancellation: on    # or off; default: on for phones and browsers without their own
 * accent: '#2563eb'
 * title: My agent         # the page's title (default: name)
 * page: agent.html        # default; a ui/index.html beside prompt.md becomes /agents/<id>/
 * voice:                  # per TTS provider, plus `rate` (1 = normal), gender, style, language
 *   local: en-us
 *   openai: alloy
 *   rate: 1
 * keypad:                 # phone keypad entry (docs/telephony.md)
 *   entryText: My order number is {digits}.
 *   terminator: '#'
 *   maxDigits: 8
 * filler:                 # said when the first word or a tool is slow
 *   thresholdMs: 1200
 *   phrases: One moment., Let me check.
 * endOfTurn:              # any EndOfTurnConfig field, in ms
 *   completeSilenceMs: 300
 * interruption:
 *   minSpeechMs: 120
 * backchannels: mhm, okay, yeah
 * phrases: what time do you open, thank you   # STT vocabulary hints
 * keywords: espresso, latte
 * ---
 * You are …
 * ```
 */
export function parsePromptFile(text: string, folderName: string): PromptFileAgent {
  const parsed = parseFrontMatter(text);
  const body = parsed.body;
  const fields = cleanValues(parsed.fields);
  const blocks = Object.fromEntries(
    Object.entries(parsed.blocks).map(([key, block]) => [key, cleanValues(block)]),
  );
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
  const echo = fields['echoCancellation'];
  if (echo !== undefined && echo !== 'on' && echo !== 'off') {
    throw new ConfigError(`prompt.md: echoCancellation must be on or off, not "${echo}"`);
  }
  const voice = parseVoice(blocks['voice']);
  const backchannels = list(fields['backchannels']);
  const phrases = list(fields['phrases']);
  const keywords = list(fields['keywords']);
  const filler = parseFiller(blocks['filler']);
  const keypad = parseKeypad(blocks['keypad']);
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
      page: fields['page'] ?? DEFAULT_PAGE,
      title: fields['title'] ?? name,
      ...(fields['accent'] !== undefined && {
        accentColor: fields['accent'],
      }),
    },
    ...(fields['greeting'] !== undefined && { greeting: fields['greeting'] }),
    inputMode: input,
    ...(echo !== undefined && { echoCancellation: echo === 'on' }),
    ...(voice !== undefined && { voice }),
    ...(blocks['endOfTurn'] && { endOfTurn: numbers(blocks['endOfTurn'], 'endOfTurn') }),
    ...(Object.keys(interruption).length > 0 && { interruption }),
    ...(filler && { filler }),
    ...(keypad && { keypad }),
    ...((phrases || keywords) && {
      vocabulary: { ...(phrases && { phrases }), ...(keywords && { keywords }) },
    }),
  };
}

const PROVIDERS: readonly VoiceProvider[] = [
  'local',
  'openai',
  'elevenlabs',
  'deepgram',
  'cartesia',
  'sarvam',
];
const GENDERS = ['female', 'male', 'neutral'] as const;

/** `voice:` — a voice per TTS provider, `rate`, and `gender` / `style` for the catalogue's pick. */
function parseVoice(block: Readonly<Record<string, string>> | undefined): AgentVoice | undefined {
  if (block === undefined) return undefined;
  const byProvider: Partial<Record<VoiceProvider, string>> = {};
  const description: { -readonly [K in keyof VoiceDescription]?: VoiceDescription[K] } = {};
  let speakingRate: number | undefined;
  for (const [key, value] of Object.entries(block)) {
    if (key === 'rate') speakingRate = numberField(value, 'voice.rate');
    else if (key === 'style') description.style = value;
    else if (key === 'language') description.language = value;
    else if (key === 'gender') {
      const gender = GENDERS.find((g) => g === value);
      if (!gender) throw new ConfigError(`prompt.md: voice.gender must be ${GENDERS.join(', ')}`);
      description.gender = gender;
    } else if ((PROVIDERS as readonly string[]).includes(key))
      byProvider[key as VoiceProvider] = value;
    else
      throw new ConfigError(
        `prompt.md: voice.${key} is not a provider (${PROVIDERS.join(', ')}), rate, gender, style or language`,
      );
  }
  return {
    ...(Object.keys(byProvider).length > 0 && { byProvider }),
    ...(Object.keys(description).length > 0 && { description }),
    ...(speakingRate !== undefined && { speakingRate }),
  };
}

/** `filler:` — `thresholdMs` and comma-separated `phrases`. */
function parseKeypad(
  block: Readonly<Record<string, string>> | undefined,
): AgentDefinition['keypad'] | undefined {
  if (block === undefined) return undefined;
  const known = ['terminator', 'maxDigits', 'interDigitTimeoutMs', 'entryText'];
  for (const key of Object.keys(block)) {
    if (!known.includes(key))
      throw new ConfigError(`prompt.md: keypad.${key} is not one of ${known.join(', ')}`);
  }
  const terminator = block['terminator'];
  if (terminator !== undefined && !/^[0-9*#A-D]$/.test(terminator))
    throw new ConfigError(
      `prompt.md: keypad.terminator must be one key (0-9, *, #, A-D), not "${terminator}"`,
    );
  const maxDigits = numberField(block['maxDigits'], 'keypad.maxDigits');
  const interDigitTimeoutMs = numberField(
    block['interDigitTimeoutMs'],
    'keypad.interDigitTimeoutMs',
  );
  return {
    ...(terminator !== undefined && { terminator }),
    ...(maxDigits !== undefined && { maxDigits }),
    ...(interDigitTimeoutMs !== undefined && { interDigitTimeoutMs }),
    ...(block['entryText'] !== undefined && { entryText: block['entryText'] }),
  };
}

function parseFiller(
  block: Readonly<Record<string, string>> | undefined,
): AgentDefinition['filler'] | undefined {
  if (block === undefined) return undefined;
  for (const key of Object.keys(block)) {
    if (key !== 'thresholdMs' && key !== 'phrases')
      throw new ConfigError(`prompt.md: filler.${key} is not thresholdMs or phrases`);
  }
  const thresholdMs = numberField(block['thresholdMs'], 'filler.thresholdMs');
  const phrases = list(block['phrases']);
  return {
    ...(thresholdMs !== undefined && { thresholdMs }),
    ...(phrases && { phrases }),
  };
}
