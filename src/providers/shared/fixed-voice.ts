import type { TtsModel } from '../../spec/tts.ts';

/**
 * The same TTS model, always speaking with `voice` whatever a stream asks for: each
 * model of a fallback chain keeps its own vendor's voice. The voice joins the model
 * name, so caches keyed by provider and model keep voices apart.
 */
export function withVoice(model: TtsModel, voice: string | undefined): TtsModel {
  if (voice === undefined) return model;
  return {
    provider: model.provider,
    model: `${model.model}/${voice}`,
    capabilities: model.capabilities,
    stream: (options) => model.stream({ ...options, voice }),
  };
}
