import type { SttModel } from '../../../spec/stt.ts';
import { DEFAULT_CHOOSE, type ChooseOptions } from './choose.ts';
import { resolvePaths } from './config.ts';
import { DEFAULT_DENOISE, type DenoiseOptions } from './denoise.ts';
import { DEFAULT_SPOTTED, type SpottedOptions } from './spotted.ts';
import { DEFAULT_KEYPHRASES, type KeyphraseOptions } from './keyphrases.ts';
import { DEFAULT_GATE, type SpeechGateOptions } from './speech-gate.ts';
import { pocketsphinxStream, type StreamConfig } from './stream.ts';
import type { HeardUtterance } from './utterances.ts';

export type { HeardUtterance } from './utterances.ts';

export { phrasesToJsgf, BUILTIN_SLOTS, type PhrasesToJsgfOptions } from './jsgf.ts';

export interface PocketsphinxSttOptions {
  /** Default: Debian's `/usr/share/pocketsphinx/model/en-us`. */
  readonly modelDir?: string;
  readonly dictPath?: string;
  readonly lmPath?: string;
  /** Extra ps_init arguments (see `pocketsphinx_continuous -h`), e.g. `{ '-dither': 'yes' }`. */
  readonly engineArgs?: Readonly<Record<string, string>>;
  /** Extra ps_init arguments for the grammar decoder only (default `{ '-wip': '0.2' }`). */
  readonly grammarEngineArgs?: Readonly<Record<string, string>>;
  /** With a grammar, also run the open-vocabulary LM and pick the better (default `lm`). */
  readonly fallback?: 'lm' | 'none';
  /** Silence that ends an utterance (default 200 ms). */
  readonly endSilenceMs?: number;
  /** Interims are looked at this often, ms of audio (default `DEFAULT_INTERIM_EVERY_MS`). */
  readonly interimEveryMs?: number;
  /** Interims this often (ms) while an utterance is younger than `earlyInterimUntilMs` (its 200 ms pre-roll included). */
  readonly earlyInterimEveryMs?: number;
  readonly earlyInterimUntilMs?: number;
  readonly prerollMs?: number;
  readonly maxUtteranceMs?: number;
  /** Utterances with less speech than this are dropped as noise (default 150 ms). */
  readonly minSpeechMs?: number;
  /**
   * Scale each utterance's speech to this level (dBFS) before decoding, so the
   * first utterance of any voice meets the model's typical energy (see level.ts).
   * `null` turns it off.
   */
  readonly levelTargetDb?: number | null;
  /** Words with less of their audio above the noise floor are dropped (default 0.25). */
  readonly minWordSpeechShare?: number;
  /** Sees each finished utterance with both decoders' hypotheses (diagnostics). */
  readonly onUtterance?: (utterance: HeardUtterance) => void;
  readonly gate?: Partial<SpeechGateOptions>;
  readonly choose?: Partial<ChooseOptions>;
  /**
   * How many of the language model's likeliest words the open-vocabulary
   * decoder knows, besides the agent's vocabulary (default 20,000 of its 72,547:
   * 29 MB a stream instead of 55 MB; see README).
   */
  readonly lmWords?: number;
  /**
   * With phrases or keywords, interpolate the general language model with one
   * estimated from them, at this weight (default 0.5; 0 turns it off).
   */
  readonly agentLmWeight?: number;
  /**
   * speexdsp noise suppression in front of the decoders, the speech gate still judging
   * the audio as it came (default `DEFAULT_DENOISE`: -15 dB over a noise floor above
   * -55 dBFS; needs libspeexdsp1 and koffi, without them the stream runs without it and
   * says so once). `null` turns it off.
   */
  readonly denoise?: DenoiseOptions | null;
  /**
   * Spot the vocabulary's `turnTaking` phrases with a keyword search beside the other decoders
   * (default `DEFAULT_KEYPHRASES`); `null` turns it off. See README.
   */
  readonly spot?: Partial<KeyphraseOptions> | null;
  /** When a spotted phrase is reported instead of the decoders' words (default `DEFAULT_SPOTTED`). */
  readonly spotted?: Partial<SpottedOptions>;
  /** Posterior confidences need a lattice per utterance (default true). */
  readonly confidence?: boolean;
}

/**
 * Interims are looked at this often (ms of audio): a barge-in's interrupting word that the
 * next look leaves standing confirms sooner (see `SttCapabilities.interimEveryMs`). The
 * decoders' words come when a word is nearly said, whatever the period; 160 ms before.
 */
export const DEFAULT_INTERIM_EVERY_MS = 80;

/** Offline streaming STT: Debian's libpocketsphinx in process through koffi. */
export function createPocketsphinxStt(options: PocketsphinxSttOptions = {}): SttModel {
  const config: StreamConfig = {
    paths: resolvePaths(options),
    fallback: options.fallback ?? 'lm',
    choose: { ...DEFAULT_CHOOSE, ...options.choose },
    withConfidence: options.confidence ?? true,
    lmWords: options.lmWords ?? 20_000,
    // A lower word insertion penalty for the grammar: "eight oh two two zero" for "eight two
    // two zero" (the grammar's digit loop inserting "oh") went away on the tuning voices.
    grammarEngineArgs: options.grammarEngineArgs ?? { '-wip': '0.2' },
    agentLmWeight: options.agentLmWeight ?? 0.5,
    spot: options.spot === null ? undefined : { ...DEFAULT_KEYPHRASES, ...options.spot },
    gate: {
      ...DEFAULT_GATE,
      ...options.gate,
      hangoverMs: options.endSilenceMs ?? DEFAULT_GATE.hangoverMs,
    },
    prerollMs: options.prerollMs ?? 200,
    interimEveryMs: options.interimEveryMs ?? DEFAULT_INTERIM_EVERY_MS,
    earlyInterimEveryMs:
      options.earlyInterimEveryMs ?? options.interimEveryMs ?? DEFAULT_INTERIM_EVERY_MS,
    earlyInterimUntilMs: options.earlyInterimUntilMs ?? 0,
    maxUtteranceMs: options.maxUtteranceMs ?? 30_000,
    minSpeechMs: options.minSpeechMs ?? 150,
    minWordSpeechShare: options.minWordSpeechShare ?? 0.25,
    spotted: { ...DEFAULT_SPOTTED, ...options.spotted },
    onUtterance: options.onUtterance,
    ...(options.denoise === null ? {} : { denoise: options.denoise ?? DEFAULT_DENOISE }),
    level:
      options.levelTargetDb === null || options.levelTargetDb === undefined
        ? undefined
        : { targetDb: options.levelTargetDb, windowMs: 250, maxGainDb: 18 },
  };
  return {
    provider: 'local',
    model: 'pocketsphinx-en-us',
    capabilities: {
      streaming: true,
      interimResults: true,
      // The slower of the two periods: an utterance's interims come at least this often.
      interimEveryMs: Math.max(config.interimEveryMs, config.earlyInterimEveryMs),
      wordTimings: true,
      languages: ['en-US'],
    },
    stream: (streamOptions) => pocketsphinxStream(streamOptions, config),
  };
}
