import type { SessionTts, TtsModel } from '../../spec/tts.ts';

/**
 * The same TTS model, always speaking with `voice` whatever a stream asks for: each
 * model of a fallback chain keeps its own vendor's voice. The voice joins the model
 * name, so caches keyed by provider and model keep voices apart. A model with
 * per-session sockets keeps them (`openSession` gives a session the same voice).
 */
export function withVoice(model: TtsModel, voice: string | undefined): TtsModel {
  if (voice === undefined) return model;
  const voiced: TtsModel = {
    provider: model.provider,
    model: `${model.model}/${voice}`,
    capabilities: model.capabilities,
    stream: (options) => model.stream({ ...options, voice }),
  };
  const openSession = model.openSession?.bind(model);
  if (!openSession) return voiced;
  return {
    ...voiced,
    openSession: (): SessionTts => {
      const session = openSession();
      return { ...withVoice(session, voice), close: () => session.close() };
    },
  };
}
