import type { SttModel } from '../../../spec/stt.ts';
import { DEFAULT_CHOOSE, type ChooseOptions } from './choose.ts';
import { resolvePaths } from './config.ts';
import { DEFAULT_GATE, type SpeechGateOptions } from './speech-gate.ts';
import { pocketsphinxStream, type StreamConfig } from './stream.ts';

export { phrasesToJsgf, BUILTIN_SLOTS, type PhrasesToJsgfOptions } from './jsgf.ts';

export interface PocketsphinxSttOptions {
  /** Default: Debian's `/usr/share/pocketsphinx/model/en-us`. */
  readonly modelDir?: string;
  readonly dictPath?: string;
  readonly lmPath?: string;
  /** Extra ps_init arguments (see `pocketsphinx_continuous -h`), e.g. `{ '-dither': 'yes' }`. */
  readonly engineArgs?: Readonly<Record<string, string>>;
  /** With a grammar, also run the open-vocabulary LM and pick the better (default `lm`). */
  readonly fallback?: 'lm' | 'none';
  /** Silence that ends an utterance (default 200 ms). */
  readonly endSilenceMs?: number;
  readonly interimEveryMs?: number;
  readonly prerollMs?: number;
  readonly maxUtteranceMs?: number;
  readonly gate?: Partial<SpeechGateOptions>;
  readonly choose?: Partial<ChooseOptions>;
  /** Posterior confidences need a lattice per utterance (default true). */
  readonly confidence?: boolean;
}

/** Offline streaming STT: Debian's libpocketsphinx in process through koffi. */
export function createPocketsphinxStt(options: PocketsphinxSttOptions = {}): SttModel {
  const config: StreamConfig = {
    paths: resolvePaths(options),
    fallback: options.fallback ?? 'lm',
    choose: { ...DEFAULT_CHOOSE, ...options.choose },
    withConfidence: options.confidence ?? true,
    gate: {
      ...DEFAULT_GATE,
      ...options.gate,
      hangoverMs: options.endSilenceMs ?? DEFAULT_GATE.hangoverMs,
    },
    prerollMs: options.prerollMs ?? 200,
    interimEveryMs: options.interimEveryMs ?? 160,
    maxUtteranceMs: options.maxUtteranceMs ?? 30_000,
  };
  return {
    provider: 'local',
    model: 'pocketsphinx-en-us',
    capabilities: {
      streaming: true,
      interimResults: true,
      wordTimings: true,
      languages: ['en-US'],
    },
    stream: (streamOptions) => pocketsphinxStream(streamOptions, config),
  };
}
