import type { AudioInput } from '../listen/audio-input.ts';
import type { EchoShareTracker } from '../listen/echo-share.ts';
import { listeningVocabulary } from '../listen/listening-vocabulary.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { SttModel } from '../spec/stt.ts';
import type { Vad, VadPart } from '../spec/vad.ts';
import type { Stage } from './errors.ts';
import type { ConversationEvent } from './state.ts';

export interface InputLoopDeps {
  readonly agent: AgentDefinition;
  readonly vad: Vad;
  readonly stt: SttModel;
  readonly input: AudioInput;
  readonly echoShares: EchoShareTracker;
  /** The echo stage's verdict on a speech edge: true when it is the agent's own voice (dropped). */
  readonly ownVoice?: (part: Extract<VadPart, { type: 'speech-start' | 'speech-end' }>) => boolean;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly isClosed: () => boolean;
  readonly emit: (event: SessionEvent) => void;
  readonly dispatch: (event: ConversationEvent) => void;
  readonly fail: (error: unknown, stage: Stage, provider?: string) => void;
}

/** VAD parts → speech edges for the state machine, with the true onset estimated. */
export async function runVadLoop(deps: InputLoopDeps): Promise<void> {
  const { vad, input, now } = deps;
  try {
    for await (const part of vad.stream({ audio: input.vadFeed(), signal: deps.signal })) {
      if (deps.isClosed()) return;
      if (part.type === 'error') {
        deps.fail(part.error, 'vad', vad.provider);
        continue;
      }
      if (deps.ownVoice?.(part) === true) continue;
      // VAD times are audio ms; audio arrives in real time, so its lag maps them onto the clock.
      const atClockMs = now() - Math.max(0, input.receivedMs - part.atMs);
      deps.emit({ type: `user.${part.type}`, atMs: part.atMs });
      if (part.type === 'speech-start') {
        const echoShare = deps.echoShares.shareSince(part.atMs);
        deps.dispatch({ type: 'vad-start', nowMs: now(), onsetMs: atClockMs, echoShare });
      } else {
        deps.dispatch({ type: 'vad-end', nowMs: now(), endedAtMs: atClockMs });
        // A recogniser that transcribes only when told (an upload per utterance) is told now.
        if (deps.stt.capabilities.finalizeOnSpeechEnd === true) input.finalize();
      }
    }
  } catch (error: unknown) {
    deps.fail(error, 'vad', vad.provider);
  }
}

/** STT parts → transcript events and words for the state machine. */
export async function runSttLoop(deps: InputLoopDeps): Promise<void> {
  const { stt, agent, input } = deps;
  const vocabulary = listeningVocabulary(agent.vocabulary, agent.language);
  try {
    const parts = stt.stream({
      audio: input.sttFeed(),
      sampleRate: input.sampleRate,
      language: agent.language,
      signal: deps.signal,
      ...(vocabulary !== undefined && { vocabulary }),
    });
    for await (const part of parts) {
      if (deps.isClosed()) return;
      if (part.type === 'error') {
        deps.fail(part.error, 'stt', stt.provider);
        continue;
      }
      if (part.text.trim() !== '') deps.emit({ type: `transcript.${part.type}`, text: part.text });
      const nowMs = deps.now();
      if (part.type === 'interim') {
        // An eager end of turn (Flux) rides on an interim and is not acted on: no speculative reply.
        const { alternatives } = part;
        deps.dispatch({
          type: 'stt-interim',
          nowMs,
          text: part.text,
          ...(alternatives && { alternatives }),
        });
      } else {
        const endOfTurn = stt.capabilities.endOfTurn === true ? part.endOfTurn : undefined;
        // Word times are audio ms; audio arrives in real time, so its lag maps them onto the clock.
        const lastWord = part.words?.at(-1);
        const wordsEndedAtMs = lastWord && nowMs - Math.max(0, input.receivedMs - lastWord.endMs);
        deps.dispatch({
          type: 'stt-final',
          nowMs,
          text: part.text,
          ...(part.alternatives && { alternatives: part.alternatives }),
          ...(endOfTurn && { endOfTurn }),
          ...(wordsEndedAtMs !== undefined && { wordsEndedAtMs }),
        });
      }
    }
  } catch (error: unknown) {
    deps.fail(error, 'stt', stt.provider);
  }
}

/**
 * Tells the state machine how far the VAD and STT are behind the audio received, so that
 * end-of-turn silence is counted in audio they have processed, not in wall time.
 */
export function watchEngineLag(deps: InputLoopDeps): void {
  deps.input.lag.listen((lag) => {
    if (deps.isClosed()) return;
    deps.dispatch({
      type: 'engine-lag',
      nowMs: deps.now(),
      vadLagMs: lag.vadMs,
      sttLagMs: lag.sttMs,
    });
  });
}
