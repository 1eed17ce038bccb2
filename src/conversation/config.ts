import type { AgentDefinition } from '../spec/agent.ts';
import type { SttCapabilities } from '../spec/stt.ts';
import type { FillerConfig, InterruptionConfig } from '../spec/turn.ts';
import { compileExpectedPhrases } from '../listen/expected-phrases.ts';
import {
  DEFAULT_END_OF_TURN,
  DEFAULT_FILLER,
  DEFAULT_MAX_USER_TEXT_CHARS,
  defaultInterruption,
} from './defaults.ts';
import type { ConversationPolicy } from './state.ts';
import type { SessionOptions } from './types.ts';

export interface ResolvedConfig {
  readonly policy: ConversationPolicy;
  readonly filler: FillerConfig;
  readonly outputSampleRate: number;
  readonly outputFrameMs: number;
  readonly outputLeadMs: number;
  readonly maxBufferedMs: number;
  readonly maxToolRounds: number;
  readonly voiceKey: string;
}

/** The agent's knobs over the defaults, and the models' capabilities the policy reads. */
export function resolveConfig(options: SessionOptions): ResolvedConfig {
  const agent: AgentDefinition = options.agent;
  const rate = agent.voice?.speakingRate ?? 1;
  return {
    policy: {
      endOfTurn: { ...DEFAULT_END_OF_TURN, ...agent.endOfTurn },
      interruption: {
        ...defaultInterruption(agent.language),
        ...settledAfterRecheck(options.models.stt.capabilities),
        ...agent.interruption,
      },
      language: agent.language,
      interimResults: options.models.stt.capabilities.interimResults,
      vendorEndOfTurn: options.models.stt.capabilities.endOfTurn === true,
      pushToTalk: agent.inputMode === 'push-to-talk',
      preemptiveReply: agent.endOfTurn?.preemptiveReply ?? preemptiveByDefault(options),
      maxUserTextChars: options.maxUserTextChars ?? DEFAULT_MAX_USER_TEXT_CHARS,
      isExpectedPhrase: compileExpectedPhrases(agent.vocabulary?.phrases ?? []),
    },
    filler: { ...DEFAULT_FILLER, ...agent.filler },
    outputSampleRate: options.outputSampleRate ?? 24_000,
    outputFrameMs: options.outputFrameMs ?? 20,
    outputLeadMs: options.outputLeadMs ?? 60,
    maxBufferedMs: 5_000,
    maxToolRounds: 5,
    voiceKey: `${options.models.tts.provider}/${options.models.tts.model}@${rate}`,
  };
}

/** Ms an STT's answer to a re-check may take to arrive, beyond its interim period. */
export const RECHECK_MARGIN_MS = 40;

/**
 * An STT that says how often it looks at its interim again (`interimEveryMs`) lets an
 * interrupting word that stood one re-check, and the time its answer takes, confirm.
 */
export function settledAfterRecheck(
  capabilities: SttCapabilities,
): Pick<InterruptionConfig, 'interimSettledMs'> | undefined {
  const everyMs = capabilities.interimEveryMs;
  if (everyMs === undefined || !(everyMs > 0)) return undefined;
  return { interimSettledMs: everyMs + RECHECK_MARGIN_MS };
}

/**
 * Preemptive replies are on by default when the LLM runs on this machine (the offline
 * dialogue engine): a discarded preparation costs some CPU and nothing else. With a vendor's
 * LLM they are off unless the agent turns them on: each discarded preparation is a billed
 * request (the whole history as input tokens), counted against the rate limit.
 */
function preemptiveByDefault(options: SessionOptions): boolean {
  return options.models.llm.provider === 'local';
}
