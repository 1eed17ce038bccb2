import type { Clock } from '../spec/clock.ts';
import type { SessionEvent } from '../spec/events.ts';
import { ANONYMOUS_CALLER } from '../spec/identity.ts';
import type { ChatMessage } from '../spec/llm.ts';
import { createToolRegistry } from '../tools/registry.ts';
import type { ResolvedConfig } from './config.ts';
import { apologyFor, type Stage } from './errors.ts';
import type { RunTurnDeps } from './run-turn.ts';
import type { ConversationEvent } from './state.ts';
import type { SessionOptions } from './types.ts';

/** What every reply of a session shares: models, tools, history, and the ways to report back. */
export function replyRunDeps(context: {
  readonly id: string;
  readonly options: SessionOptions;
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly history: ChatMessage[];
  readonly emit: (event: SessionEvent) => void;
  readonly dispatch: (event: ConversationEvent) => void;
  readonly fail: (error: unknown, stage: Stage, provider?: string) => void;
  readonly signal: AbortSignal;
  readonly background: Set<Promise<void>>;
}): RunTurnDeps {
  const { options, config, clock, emit, dispatch, fail } = context;
  const { agent } = options;
  return {
    answer: {
      sessionId: context.id,
      caller: options.caller ?? ANONYMOUS_CALLER,
      clock,
      llm: options.models.llm,
      tools: createToolRegistry(agent.tools, { clock }),
      retriever: options.retriever,
      cache: options.cache,
      voiceKey: config.voiceKey,
      filler: config.filler,
      language: agent.language,
      maxToolRounds: config.maxToolRounds,
      emit: (event) => {
        emit(event);
        // A running tool call holds the floor: a backchannel during it is no turn.
        if (event.type === 'tool.call' || event.type === 'tool.result') {
          const running = event.type === 'tool.call';
          dispatch({ type: 'tool-progress', nowMs: clock.now(), turnId: event.turnId, running });
        }
      },
      fail,
      apology: apologyFor(agent.language),
    },
    history: context.history,
    cache: options.cache,
    voiceKey: config.voiceKey,
    outputSampleRate: config.outputSampleRate,
    outputLeadMs: config.outputLeadMs,
    now: () => clock.now(),
    emit,
    fail,
    afterTurn: (task) => {
      const done: Promise<void> = task(context.signal).finally(() =>
        context.background.delete(done),
      );
      context.background.add(done);
    },
  };
}
