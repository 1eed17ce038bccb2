import type { PlaybackCommand, PlaybackReport } from './worklets/playback-messages.ts';

/** Agent audio out through the playback worklet at the server's output rate. */
export class Player {
  readonly #context: AudioContext;
  readonly #node: AudioWorkletNode;
  readonly #analyser: AnalyserNode;
  readonly #levelBuffer: Float32Array<ArrayBuffer>;

  private constructor(context: AudioContext, node: AudioWorkletNode, analyser: AnalyserNode) {
    this.#context = context;
    this.#node = node;
    this.#analyser = analyser;
    this.#levelBuffer = new Float32Array(analyser.fftSize);
  }

  static async create(
    sampleRate: number,
    onReport: (report: PlaybackReport) => void,
    /** Where the worklets are served; default: beside the page. */
    assetBase: string | URL = document.baseURI,
  ): Promise<Player> {
    const context = new AudioContext({ sampleRate, latencyHint: 'interactive' });
    await context.audioWorklet.addModule(new URL('playback-worklet.js', assetBase).href);
    const node = new AudioWorkletNode(context, 'parley-playback', { outputChannelCount: [1] });
    node.port.onmessage = (event: MessageEvent<PlaybackReport>) => onReport(event.data);
    node.connect(context.destination);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    node.connect(analyser);
    await context.resume();
    return new Player(context, node, analyser);
  }

  /** Time from a sample leaving the worklet to the speaker, as the browser reports it. */
  get outputLatencyMs(): number {
    return (this.#context.baseLatency + (this.#context.outputLatency || 0)) * 1000;
  }

  /** RMS of the last ~40 ms of output, in [0, 1] (for the agent's level meter). */
  level(): number {
    this.#analyser.getFloatTimeDomainData(this.#levelBuffer);
    let sum = 0;
    for (const sample of this.#levelBuffer) sum += sample * sample;
    return Math.sqrt(sum / this.#levelBuffer.length);
  }

  get state(): AudioContextState {
    return this.#context.state;
  }

  start(turnId: number): void {
    this.#post({ type: 'start', turnId });
  }

  push(turnId: number, samples: Int16Array): void {
    this.#node.port.postMessage({ type: 'audio', turnId, samples } satisfies PlaybackCommand, [
      samples.buffer,
    ]);
  }

  end(turnId: number): void {
    this.#post({ type: 'end', turnId });
  }

  /** Drops everything buffered at once; the worklet answers with a `flushed` report. */
  flush(): void {
    this.#post({ type: 'flush' });
  }

  async close(): Promise<void> {
    this.#node.port.onmessage = null;
    this.#node.disconnect();
    this.#analyser.disconnect();
    await this.#context.close();
  }

  #post(command: PlaybackCommand): void {
    this.#node.port.postMessage(command);
  }
}
