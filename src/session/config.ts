import type { AgentDefinition } from '../spec/agent.ts';
import type { EndOfTurnConfig, FillerConfig, InterruptionConfig } from '../spec/turn.ts';
import { DEFAULT_END_OF_TURN, DEFAULT_FILLER, DEFAULT_INTERRUPTION } from '../turn/defaults.ts';
import { compileExpectedPhrases } from '../turn/expected-phrases.ts';
import type { SessionOptions } from './types.ts';

export interface ResolvedConfig {
  readonly endOfTurn: EndOfTurnConfig;
  readonly interruption: InterruptionConfig;
  readonly filler: FillerConfig;
  readonly outputSampleRate: number;
  readonly outputFrameMs: number;
  readonly outputLeadMs: number;
  readonly maxBufferedMs: number;
  readonly maxToolRounds: number;
  readonly pushToTalk: boolean;
  readonly language: string;
  readonly voiceKey: string;
  /** True for a transcript that is one of the agent's expected phrases, said whole. */
  readonly isExpectedPhrase: (transcript: string) => boolean;
}

/** The agent's knobs over the defaults. */
export function resolveConfig(options: SessionOptions): ResolvedConfig {
  const agent: AgentDefinition = options.agent;
  const rate = agent.voice?.speakingRate ?? 1;
  return {
    endOfTurn: { ...DEFAULT_END_OF_TURN, ...agent.endOfTurn },
    interruption: { ...DEFAULT_INTERRUPTION, ...agent.interruption },
    filler: { ...DEFAULT_FILLER, ...agent.filler },
    outputSampleRate: options.outputSampleRate ?? 24_000,
    outputFrameMs: options.outputFrameMs ?? 20,
    outputLeadMs: options.outputLeadMs ?? 60,
    maxBufferedMs: 5_000,
    maxToolRounds: 5,
    pushToTalk: agent.inputMode === 'push-to-talk',
    language: agent.language,
    isExpectedPhrase: compileExpectedPhrases(agent.vocabulary?.phrases ?? []),
    voiceKey: `${options.models.tts.provider}/${options.models.tts.model}@${rate}`,
  };
}
