import { isRecord } from './json.ts';

/** Audio formats a Realtime session speaks (GA names; beta `pcm16`/`g711_*` map onto them). */
export type RealtimeAudioFormat = 'audio/pcm' | 'audio/pcmu' | 'audio/pcma';

export interface RealtimeTool {
  readonly type: 'function';
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

export interface TurnDetection {
  readonly type: 'server_vad' | 'semantic_vad';
  /** Start a response when the user's turn ends (default true). */
  readonly createResponse: boolean;
  /** Cancel the response when the user barges in (default true). */
  readonly interruptResponse: boolean;
}

/** One connection's session settings, normalised. */
export interface RealtimeConfig {
  readonly model: string;
  readonly instructions: string;
  readonly voice: string;
  readonly inputFormat: RealtimeAudioFormat;
  readonly outputFormat: RealtimeAudioFormat;
  /** `null`: the client commits turns itself (`input_audio_buffer.commit`). */
  readonly turnDetection: TurnDetection | null;
  readonly tools: readonly RealtimeTool[];
  readonly toolChoice: string;
  readonly transcriptionModel: string | null;
}

export class ConfigUpdateError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

export function defaultConfig(model: string, instructions: string): RealtimeConfig {
  return {
    model,
    instructions,
    voice: 'alloy',
    inputFormat: 'audio/pcm',
    outputFormat: 'audio/pcm',
    turnDetection: { type: 'server_vad', createResponse: true, interruptResponse: true },
    tools: [],
    toolChoice: 'auto',
    transcriptionModel: null,
  };
}

const BETA_FORMATS: Readonly<Record<string, RealtimeAudioFormat>> = {
  pcm16: 'audio/pcm',
  g711_ulaw: 'audio/pcmu',
  g711_alaw: 'audio/pcma',
};

/** Accepts `{type:'audio/pcm', rate:24000}` (GA) or `'pcm16'` (beta). */
function parseFormat(value: unknown, param: string): RealtimeAudioFormat {
  if (typeof value === 'string' && BETA_FORMATS[value]) return BETA_FORMATS[value];
  if (isRecord(value)) {
    const type = value['type'];
    if (type === 'audio/pcm') {
      if (value['rate'] !== undefined && value['rate'] !== 24_000) {
        throw new ConfigUpdateError(
          `Invalid value: ${JSON.stringify(value['rate'])}. audio/pcm is 24000 Hz`,
          `${param}.rate`,
        );
      }
      return 'audio/pcm';
    }
    if (type === 'audio/pcmu' || type === 'audio/pcma') return type;
  }
  throw new ConfigUpdateError(
    `Invalid value: ${JSON.stringify(value)}. Supported formats: audio/pcm (24 kHz), audio/pcmu, audio/pcma`,
    param,
  );
}

function parseTurnDetection(value: unknown, param: string): TurnDetection | null {
  if (value === null) return null;
  if (!isRecord(value) || (value['type'] !== 'server_vad' && value['type'] !== 'semantic_vad')) {
    throw new ConfigUpdateError(
      `Invalid value: ${JSON.stringify(value)}. Use server_vad, semantic_vad or null`,
      param,
    );
  }
  return {
    type: value['type'],
    createResponse: value['create_response'] !== false,
    interruptResponse: value['interrupt_response'] !== false,
  };
}

function parseTools(value: unknown): RealtimeTool[] {
  if (!Array.isArray(value)) throw new ConfigUpdateError('tools must be an array', 'session.tools');
  return value.map((tool, index) => {
    const param = `session.tools[${index}]`;
    if (!isRecord(tool) || tool['type'] !== 'function') {
      throw new ConfigUpdateError('Only function tools are supported', `${param}.type`);
    }
    const name = tool['name'];
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      throw new ConfigUpdateError(`Invalid tool name: ${JSON.stringify(name)}`, `${param}.name`);
    }
    const parameters = tool['parameters'] ?? { type: 'object', properties: {} };
    if (!isRecord(parameters))
      throw new ConfigUpdateError('parameters must be a JSON schema object', `${param}.parameters`);
    const description = typeof tool['description'] === 'string' ? tool['description'] : '';
    return { type: 'function', name, description, parameters };
  });
}

/**
 * Applies a `session.update` body to the settings. Both shapes are read: GA
 * (`audio.input.format`, `audio.output.voice`, `audio.input.turn_detection`,
 * `output_modalities`) and the beta names (`input_audio_format`, `voice`, `turn_detection`,
 * `modalities`). Unknown fields are ignored, as the API does for fields a model lacks.
 */
export function applySessionUpdate(
  config: RealtimeConfig,
  update: Record<string, unknown>,
): RealtimeConfig {
  let next: RealtimeConfig = { ...config };
  const audio = isRecord(update['audio']) ? update['audio'] : {};
  const input = isRecord(audio['input']) ? audio['input'] : {};
  const output = isRecord(audio['output']) ? audio['output'] : {};
  if (typeof update['instructions'] === 'string')
    next = { ...next, instructions: update['instructions'] };
  const voice = output['voice'] ?? update['voice'];
  if (voice !== undefined) {
    if (typeof voice !== 'string')
      throw new ConfigUpdateError('voice must be a string', 'session.audio.output.voice');
    next = { ...next, voice };
  }
  const inputFormat = input['format'] ?? update['input_audio_format'];
  if (inputFormat !== undefined)
    next = { ...next, inputFormat: parseFormat(inputFormat, 'session.audio.input.format') };
  const outputFormat = output['format'] ?? update['output_audio_format'];
  if (outputFormat !== undefined) {
    next = { ...next, outputFormat: parseFormat(outputFormat, 'session.audio.output.format') };
  }
  const turn = 'turn_detection' in input ? input['turn_detection'] : update['turn_detection'];
  if (turn !== undefined)
    next = {
      ...next,
      turnDetection: parseTurnDetection(turn, 'session.audio.input.turn_detection'),
    };
  if (update['tools'] !== undefined) next = { ...next, tools: parseTools(update['tools']) };
  if (typeof update['tool_choice'] === 'string')
    next = { ...next, toolChoice: update['tool_choice'] };
  const transcription = input['transcription'] ?? update['input_audio_transcription'];
  if (transcription !== undefined) {
    next = {
      ...next,
      transcriptionModel:
        isRecord(transcription) && typeof transcription['model'] === 'string'
          ? transcription['model']
          : null,
    };
  }
  const modalities = update['output_modalities'] ?? update['modalities'];
  if (Array.isArray(modalities) && !modalities.includes('audio')) {
    throw new ConfigUpdateError(
      'Parley always answers with audio (and its transcript)',
      'session.output_modalities',
    );
  }
  return next;
}

export const formatObject = (format: RealtimeAudioFormat) =>
  format === 'audio/pcm' ? { type: format, rate: 24_000 } : { type: format };

/** The session object of `session.created` / `session.updated`, in the GA shape. */
export function renderSession(id: string, config: RealtimeConfig): Record<string, unknown> {
  const turn = config.turnDetection;
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model: config.model,
    output_modalities: ['audio'],
    instructions: config.instructions,
    tools: config.tools,
    tool_choice: config.toolChoice,
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    expires_at: 0,
    include: null,
    audio: {
      input: {
        format: formatObject(config.inputFormat),
        transcription:
          config.transcriptionModel === null ? null : { model: config.transcriptionModel },
        noise_reduction: null,
        turn_detection:
          turn === null
            ? null
            : {
                type: turn.type,
                create_response: turn.createResponse,
                interrupt_response: turn.interruptResponse,
              },
      },
      output: { format: formatObject(config.outputFormat), voice: config.voice, speed: 1 },
    },
  };
}
