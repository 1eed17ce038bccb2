import { ConfigError, ParleyError } from '../../../spec/errors.ts';
import type { SttVocabulary } from '../../../spec/stt.ts';
import {
  agreement,
  chooseHypothesis,
  type Candidate,
  type ChooseOptions,
  type HypothesisSource,
} from './choose.ts';
import type { DecoderPaths } from './config.ts';
import { SphinxDecoder, type DecodedUtterance } from './decoder.ts';
import {
  readDictionaryLines,
  vocabularyWords,
  writeGrammarDictionary,
} from './grammar-dictionary.ts';
import { agentLanguageModel } from './domain-lm.ts';
import { lmDecoderPaths } from './lm-dictionary.ts';
import { underSharedModelLock } from './shared-lm.ts';
import { planVocabulary } from './vocabulary.ts';
import { normaliseKeyphrase, type KeyphraseOptions } from './keyphrases.ts';
import { openSpotter } from './spotter.ts';
import type { Spot } from './spots.ts';

export interface RecognizerOptions {
  readonly paths: DecoderPaths;
  readonly vocabulary: SttVocabulary | undefined;
  /** Run the open-vocabulary LM beside a grammar (default) or the grammar alone. */
  readonly fallback: 'lm' | 'none';
  readonly choose: ChooseOptions;
  readonly withConfidence: boolean;
  /** The open-vocabulary decoder knows this many of the LM's likeliest words (all when undefined). */
  readonly lmWords: number | undefined;
  /** ps_init arguments for the grammar decoder only (over `paths.engineArgs`). */
  readonly grammarEngineArgs: Readonly<Record<string, string>>;
  /** Weight of a model of the agent's phrases interpolated with the general one (0: none). */
  readonly agentLmWeight: number;
  /** Spot the vocabulary's `turnTaking` phrases with a keyword search (undefined: off). */
  readonly spot: KeyphraseOptions | undefined;
}

export interface RecognizedUtterance extends DecodedUtterance {
  readonly source: HypothesisSource;
  /** What each decoder heard (for diagnostics: eval/stages.ts). */
  readonly candidates: { readonly grammar?: Candidate; readonly lm?: Candidate };
  /** Turn-taking phrases the keyword search spotted in the utterance (none without one). */
  readonly spots: readonly Spot[];
}

/** An interim: the chosen hypothesis so far, whose it is, and the phrases spotted so far. */
export interface RecognizedInterim {
  readonly text: string;
  readonly source: HypothesisSource;
  readonly spots: readonly Spot[];
}

/** Small dictionaries already written, by base dictionary and vocabulary (one per agent). */
const grammarDictionaries = new Map<string, Promise<string>>();

/**
 * The grammar decoder reads a dictionary of the vocabulary's words only (see
 * grammar-dictionary.ts), made once per vocabulary without blocking the
 * event loop; nothing of the full dictionary is kept.
 */
async function grammarDecoderPaths(options: RecognizerOptions): Promise<DecoderPaths> {
  const vocabulary = options.vocabulary ?? {};
  const key = `${options.paths.dictPath}\n${JSON.stringify(vocabulary)}`;
  let dictPath = grammarDictionaries.get(key);
  if (dictPath === undefined) {
    dictPath = (async () => {
      // Every word the grammar could use (as if all were known; unknown ones are reported later).
      const plan = planVocabulary(vocabulary, () => true);
      const words = vocabularyWords(vocabulary, plan.jsgf);
      return writeGrammarDictionary(await readDictionaryLines(options.paths.dictPath, words));
    })();
    grammarDictionaries.set(key, dictPath);
    dictPath.catch(() => grammarDictionaries.delete(key));
  }
  const engineArgs = { ...options.paths.engineArgs, ...options.grammarEngineArgs };
  return { ...options.paths, dictPath: await dictPath, engineArgs };
}

/**
 * The decoders of one stream: a language-model decoder, a grammar decoder, or
 * both side by side, fed the same audio; each utterance reports the better one.
 */
export class Recognizer {
  readonly #lm: SphinxDecoder | undefined;
  #grammar: SphinxDecoder | undefined;
  readonly #spotter: SphinxDecoder | undefined;
  readonly #options: RecognizerOptions;

  private constructor(
    lm: SphinxDecoder | undefined,
    grammar: SphinxDecoder | undefined,
    spotter: SphinxDecoder | undefined,
    options: RecognizerOptions,
  ) {
    this.#lm = lm;
    this.#grammar = grammar;
    this.#spotter = spotter;
    this.#options = options;
  }

  /** Opens the decoders; `warnings` are vocabulary problems the stream reports as error parts. */
  static async open(
    options: RecognizerOptions,
  ): Promise<{ recognizer: Recognizer; warnings: ParleyError[] }> {
    const vocabulary = options.vocabulary;
    const wantsGrammar =
      Boolean(vocabulary?.grammar) ||
      (vocabulary?.phrases?.length ?? 0) > 0 ||
      (vocabulary?.keywords?.length ?? 0) > 0;
    const wantsLm = !wantsGrammar || options.fallback === 'lm';
    const grammarPaths = wantsGrammar ? await grammarDecoderPaths(options) : options.paths;
    const lmPaths = wantsLm
      ? await lmDecoderPaths(options.paths, vocabulary ?? {}, options.lmWords)
      : options.paths;
    const hasPhrases =
      (vocabulary?.phrases?.length ?? 0) > 0 || (vocabulary?.keywords?.length ?? 0) > 0;
    const agentModel =
      wantsLm && hasPhrases && options.agentLmWeight > 0
        ? agentLanguageModel(options.paths, vocabulary ?? {}, options.agentLmWeight)
        : undefined;
    const turnTaking = vocabulary?.turnTaking ?? [];
    const spot = options.spot;
    // Opened beside the others; without it the stream still runs (and says so).
    const spotting =
      spot !== undefined && turnTaking.length > 0
        ? openSpotter(options.paths, turnTaking, spot).then(
            (decoder) => ({ decoder, warning: undefined }),
            (error: unknown) => ({
              decoder: undefined,
              warning: new ConfigError('turn-taking phrases are not spotted', { cause: error }),
            }),
          )
        : { decoder: undefined, warning: undefined };
    const opened = await Promise.allSettled([
      wantsLm ? SphinxDecoder.open(lmPaths, true, agentModel) : undefined,
      wantsGrammar ? SphinxDecoder.open(grammarPaths, false) : undefined,
    ]);
    const spotterOpened = await spotting;
    const [lm, grammar] = opened.map((result) =>
      result.status === 'fulfilled' ? result.value : undefined,
    );
    const failure = opened.find((result) => result.status === 'rejected');
    if (failure) {
      void lm?.close();
      void grammar?.close();
      void spotterOpened.decoder?.close();
      throw failure.reason;
    }
    const recognizer = new Recognizer(lm, grammar, spotterOpened.decoder, options);
    try {
      // Words added to an n-gram decoder go into the shared model too: under its lock.
      const warnings = await underSharedModelLock(() => recognizer.#applyVocabulary());
      if (spotterOpened.warning) warnings.push(spotterOpened.warning);
      return { recognizer, warnings };
    } catch (error) {
      void recognizer.close();
      throw error;
    }
  }

  async #applyVocabulary(): Promise<ParleyError[]> {
    const decoders = [this.#lm, this.#grammar].filter((d): d is SphinxDecoder => d !== undefined);
    const first = decoders[0];
    if (!first) return [];
    const plan = planVocabulary(this.#options.vocabulary, (word) => first.lookup(word) !== null);
    const warnings: ParleyError[] = [];
    if (plan.unknownWords.length > 0) {
      warnings.push(
        new ConfigError(
          `no pronunciation for: ${plan.unknownWords.join(', ')}; add them to vocabulary.pronunciations`,
        ),
      );
    }
    await Promise.all(decoders.map((decoder) => decoder.addWords(plan.pronunciations)));
    if (this.#grammar) this.#startGrammar(plan.jsgf, warnings);
    return warnings;
  }

  /** Compiles the grammar, or drops the grammar decoder (with a warning) when there is none. */
  #startGrammar(jsgf: string | undefined, warnings: ParleyError[]): void {
    try {
      if (!jsgf) throw new ConfigError('no usable phrase left for the grammar');
      this.#grammar?.useGrammar(jsgf);
      return;
    } catch (error) {
      void this.#grammar?.close();
      this.#grammar = undefined;
      if (!this.#lm)
        throw new ConfigError('no grammar to run and no fallback LM', { cause: error });
      warnings.push(
        ParleyError.isInstance(error)
          ? error
          : new ConfigError('grammar failed; using the open vocabulary', { cause: error }),
      );
    }
  }

  /** Whether `text` is one of the vocabulary's turn-taking phrases (as the keyword search writes them). */
  isTurnTaking(text: string): boolean {
    this.#turnTaking ??= new Set(
      (this.#options.vocabulary?.turnTaking ?? []).map(normaliseKeyphrase),
    );
    return this.#turnTaking.has(normaliseKeyphrase(text));
  }

  #turnTaking: Set<string> | undefined;

  get #decoders(): SphinxDecoder[] {
    return [this.#lm, this.#grammar, this.#spotter].filter(
      (d): d is SphinxDecoder => d !== undefined,
    );
  }

  get inUtterance(): boolean {
    return this.#decoders.some((decoder) => decoder.inUtterance);
  }

  /** Audio queued and not yet decoded by the slower decoder (ms). */
  get backlogMs(): number {
    return Math.max(0, ...this.#decoders.map((decoder) => decoder.backlogMs));
  }

  /** Resolves once every decoder has at most `maxMs` of audio left to decode. */
  async drained(maxMs: number): Promise<void> {
    await Promise.all(this.#decoders.map((decoder) => decoder.drained(maxMs)));
  }

  start(): void {
    for (const decoder of this.#decoders) decoder.start();
  }

  /** Queues audio for every decoder (decoded on worker threads). */
  process(samples: Int16Array): void {
    for (const decoder of this.#decoders) decoder.process(samples);
  }

  /** The partial hypothesis after the audio queued so far; spot times offset by `offsetMs`. */
  async interim(offsetMs: number): Promise<RecognizedInterim> {
    const [lm, grammar, spots] = await Promise.all([
      this.#lm?.interim(),
      this.#grammar?.interim(),
      this.#spotter?.spots(offsetMs) ?? [],
    ]);
    if (!grammar) return { text: lm?.text ?? '', source: 'lm', spots };
    if (!lm) return { text: grammar.text, source: 'grammar', spots };
    const source = chooseHypothesis(grammar, lm, this.#options.choose);
    const text = source === 'grammar' ? grammar.text : source === 'lm' ? lm.text : '';
    return { text, source, spots };
  }

  /**
   * Ends the utterance after the audio queued so far; word times are offset by `offsetMs`.
   * `spottedOver` says whether spots cover the utterance: with it (and a keyword search), a
   * turn-taking phrase the grammar chose must be spotted too (see TurnTakingEvidence).
   */
  async finish(
    offsetMs: number,
    spottedOver?: (spots: readonly Spot[]) => boolean,
  ): Promise<RecognizedUtterance> {
    // A grammar search's posterior is ~1 whatever it heard, so it is not asked for one.
    const [lm, grammar, spots] = await Promise.all([
      this.#lm?.finish(offsetMs, this.#options.withConfidence),
      this.#grammar?.finish(offsetMs, false),
      this.#spotter?.finishSpots(offsetMs) ?? [],
    ]);
    const candidates = {
      ...(grammar ? { grammar: candidate(grammar) } : {}),
      ...(lm ? { lm: candidate(lm) } : {}),
    };
    if (grammar && !lm) return { ...grammar, source: 'grammar', candidates, spots };
    if (!lm) throw new Error('unreachable: a recognizer always has a decoder');
    const turnTaking =
      this.#spotter && spottedOver
        ? { isTurnTaking: (text: string) => this.isTurnTaking(text), spotted: spottedOver(spots) }
        : undefined;
    const source = grammar ? chooseHypothesis(grammar, lm, this.#options.choose, turnTaking) : 'lm';
    if (grammar && source === 'grammar') {
      // Confidence of a grammar result: how much of it the open-vocabulary model also heard.
      const confidence = this.#options.withConfidence
        ? agreement(grammar.text, lm.text)
        : undefined;
      return { ...grammar, confidence, source, candidates, spots };
    }
    if (source === 'none') {
      return { ...lm, text: '', words: [], confidence: undefined, source, candidates, spots };
    }
    return { ...lm, source, candidates, spots };
  }

  /** Closes the decoders; resolves when their native memory is freed (after any running call). */
  async close(): Promise<void> {
    await Promise.all(this.#decoders.map((decoder) => decoder.close()));
  }
}

function candidate(decoded: DecodedUtterance): Candidate {
  return { text: decoded.text, acousticPerFrame: decoded.acousticPerFrame };
}
