import { startCapture, type Capture, type MicProcessing } from '../capture.ts';
import { Player } from '../player.ts';
import type { PlaybackReport } from '../worklets/playback-messages.ts';
import type { HeaderView } from './header-view.ts';

/**
 * The call's audio: the microphone (opened once per call, kept through
 * reconnects), one player per session, and the agent meter's animation loop.
 * `release` stops all of it; nothing runs after.
 */
export class CallMedia {
  readonly #header: HeaderView;
  #capture: Capture | undefined;
  #player: Player | undefined;
  #meterFrame: number | undefined;
  #released = false;

  constructor(header: HeaderView) {
    this.#header = header;
  }

  get player(): Player | undefined {
    return this.#player;
  }

  get micOpen(): boolean {
    return this.#capture !== undefined;
  }

  /** For `session.start`: the echo cancellation the open microphone was granted, if known. */
  get micReport(): { readonly echoCancellation?: boolean } {
    const granted = this.#capture?.echoCancellation;
    return granted === undefined ? {} : { echoCancellation: granted };
  }

  /** Opens the microphone unless it is open; throws what getUserMedia throws. */
  async openMic(onFrame: (frame: Int16Array) => void, processing: MicProcessing): Promise<void> {
    if (this.#capture) return;
    this.#released = false;
    const capture = await startCapture(onFrame, processing);
    if (this.#released) return void (await capture.stop()); // the call ended while asking
    this.#capture = capture;
  }

  /** A new player for a new session (the old one is closed first). */
  async newPlayer(sampleRate: number, onReport: (report: PlaybackReport) => void): Promise<void> {
    const old = this.#player;
    this.#player = undefined;
    await old?.close();
    this.#released = false;
    const player = await Player.create(sampleRate, onReport);
    if (this.#released) return void (await player.close());
    this.#player = player;
  }

  /** Runs the agent meter while `speaking()` says the agent is audible. */
  startMeters(speaking: () => boolean): void {
    if (this.#meterFrame !== undefined) return;
    const tick = () => {
      this.#header.agent.set(this.#player && speaking() ? this.#player.level() : 0);
      this.#meterFrame = requestAnimationFrame(tick);
    };
    this.#meterFrame = requestAnimationFrame(tick);
  }

  async release(): Promise<void> {
    this.#released = true;
    if (this.#meterFrame !== undefined) cancelAnimationFrame(this.#meterFrame);
    this.#meterFrame = undefined;
    this.#header.mic.set(0);
    this.#header.agent.set(0);
    const [capture, player] = [this.#capture, this.#player];
    this.#capture = undefined;
    this.#player = undefined;
    await Promise.all([capture?.stop(), player?.close()]);
  }
}
