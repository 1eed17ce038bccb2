import type { ModelInfo } from '../../spec/model.ts';
import type {
  SessionTts,
  TtsCapabilities,
  TtsModel,
  TtsPart,
  TtsStreamOptions,
} from '../../spec/tts.ts';

/** What one session holds of a socket-based voice: its replies' streams and its sockets. */
export interface SessionVoice {
  stream(options: TtsStreamOptions): AsyncIterable<TtsPart>;
  /** Closes the session's sockets; never rejects. */
  close(): Promise<void>;
}

/** A TTS model whose `openSession` is always there. */
export type SessionScopedTts = TtsModel & { openSession(): SessionTts };

/**
 * A TTS model over per-session sockets: `openSession()` gives a conversation its own
 * voice (one socket for all its replies, closed with it); `stream` on the model alone
 * opens a voice for that one reply and closes it when the reply ends.
 */
export function sessionScopedTts(
  info: ModelInfo<TtsCapabilities>,
  openVoice: () => SessionVoice,
): SessionScopedTts {
  const base = { provider: info.provider, model: info.model, capabilities: info.capabilities };
  return {
    ...base,
    stream: (options) => oneReply(openVoice, options),
    openSession: () => {
      const voice = openVoice();
      return { ...base, stream: (options) => voice.stream(options), close: () => voice.close() };
    },
  };
}

async function* oneReply(
  openVoice: () => SessionVoice,
  options: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  if (options.signal.aborted) return;
  const voice = openVoice();
  try {
    yield* voice.stream(options);
  } finally {
    await voice.close();
  }
}
