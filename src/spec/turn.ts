/** When a user's turn ends: silence needed after speech, by how complete the words read. */
export interface EndOfTurnConfig {
  /** Silence after a transcript that reads as complete ("… my order number.") */
  readonly completeSilenceMs: number;
  /** Silence after a transcript with no clear ending either way. */
  readonly defaultSilenceMs: number;
  /** Silence after a trailing "and", "um", a preposition, or digits being dictated. */
  readonly incompleteSilenceMs: number;
  /** Silence after the user asks for time ("hold on", "give me a minute", "un momento"). */
  readonly askingForTimeSilenceMs: number;
  /** How long to wait for the STT final after the silence has elapsed before using the interim. */
  readonly sttFinalTimeoutMs: number;
  /**
   * Silence is counted in audio the VAD has processed, and finals are awaited while the STT
   * catches up: a VAD or STT behind real time (a loaded machine) delays the end of a turn by
   * its lag, but by no more than this.
   */
  readonly maxEngineLagMs: number;
  /**
   * Prepare the reply (think and synthesise it, held back) as soon as the STT's final reads as
   * finished, and play it the moment the turn ends with the same words; discard it when the
   * user goes on. Default: on when the LLM runs locally, off for a vendor's LLM (a discarded
   * preparation is a billed request). Tools that may change the world wait for the turn's end.
   */
  readonly preemptiveReply?: boolean;
  /**
   * End the turn on the STT's final when its word timings already show `completeSilenceMs` of
   * silence after words that read as complete, without waiting for the VAD to confirm it
   * (Silero reports the end ~420 ms after it). Needs an STT that gives word timings. Default on.
   */
  readonly endOnFinalWords?: boolean;
  /**
   * A user who goes on speaking within this many ms of the reply becoming audible (a pause
   * mid-sentence the turn ended in) continues their turn: once their words confirm it, the
   * reply is retracted (stopped, never recorded as an answer) and the words are answered
   * once, with the earlier ones. Spoken turns only; not once a tool of the reply has run.
   * 0 turns it off (such speech interrupts the reply). Default 600.
   */
  readonly continueGraceMs?: number;
}

/** When user speech over the agent counts as an interruption. */
export interface InterruptionConfig {
  /** Speech must last this long (while the agent speaks) before the agent pauses. */
  readonly minSpeechMs: number;
  /** Words (not backchannels) needed to confirm the interruption; 0 confirms on audio alone. */
  readonly minWords: number;
  /** Echo guard: while the agent speaks, also require words before pausing at all. */
  readonly requireWordsToPause: boolean;
  /** Sounds that mean "go on" and never interrupt: "mhm", "okay", "yeah" … */
  readonly backchannels: readonly string[];
  /**
   * A pause is a false interruption when no words come this long after the user STOPS
   * speaking: the agent resumes. It never resumes while the user is still speaking.
   */
  readonly falseInterruptionTimeoutMs: number;
  /**
   * A backchannel is short: words over the agent that went on this long interrupt when the
   * user stops, whatever the recogniser made of them (a misheard sentence can read "hmm").
   * Shorter words that could also be read as a backchannel (an STT's other reading) are a
   * listener's noise: a hum lasts 0.6–1.2 s.
   */
  readonly maxBackchannelMs: number;
  /**
   * A backchannel is short the other way too: words over the agent confirm an interruption
   * only once the speech has lasted this long, unless they hold an interrupting word ("stop",
   * "wait"). Shorter speech is a listener's noise whatever the recogniser made of it (it
   * hears "mhm" as "m h imp" and "gotcha" as digits); the agent pauses on it and resumes.
   */
  readonly minInterruptingSpeechMs: number;
  /**
   * An interim that holds an interrupting word ("wait", "stop") and stands unrevised this
   * long while the user speaks (and the STT keeps up) confirms the interruption without
   * waiting for a second interim to agree: an STT sends no interim while its guess is
   * unchanged. Default 200 (pocketsphinx checks every 160 ms). Stray first guesses are revised
   * sooner.
   */
  readonly interimSettledMs?: number;
  /**
   * With an STT that gives no interim results, speech lasting this long confirms an
   * interruption (there are no words to confirm it sooner).
   */
  readonly sustainedSpeechMs: number;
  /**
   * An onset whose audio is at least this share agent echo (0..1, from the echo canceller)
   * does not pause the agent; words still interrupt.
   */
  readonly echoShareThreshold: number;
}

export interface FillerConfig {
  /** Play a filler when the first token (or a tool) takes longer than this. */
  readonly thresholdMs: number;
  readonly phrases: readonly string[];
}
