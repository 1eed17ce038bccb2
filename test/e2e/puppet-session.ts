import type { Session, SessionListener, SessionOptions } from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import type { AudioChunk } from '../../src/spec/audio.ts';
import type { SessionEvent } from '../../src/spec/events.ts';
import type { ChatMessage } from '../../src/spec/llm.ts';

const OUTPUT_RATE = 24_000;
const FRAME_MS = 20;

/**
 * A Session the browser tests drive by hand: the test emits each event when it
 * wants the page in a given state (a screenshot per state, no races), and the
 * session records what the page sent. Reply audio is a real paced 440 Hz tone,
 * so the page's player, meters and playback positions do real work.
 */
export class PuppetSession implements Session {
  static #count = 0;
  readonly id = `puppet-${++PuppetSession.#count}`;
  readonly agent: AgentDefinition;
  readonly outputSampleRate = OUTPUT_RATE;
  readonly history: ChatMessage[] = [];
  readonly texts: string[] = [];
  readonly ptt: ('down' | 'up')[] = [];
  readonly positions: { turnId: number; playedMs: number }[] = [];
  audioFrames = 0;
  closed = false;
  readonly #listeners = new Set<SessionListener>();
  #tone: { timer: ReturnType<typeof setInterval>; paused: boolean } | undefined;

  constructor(options: SessionOptions) {
    this.agent = options.agent;
  }

  pushAudio(_chunk: AudioChunk): void {
    this.audioFrames += 1;
  }

  sendText(text: string): void {
    this.texts.push(text);
    this.emit({ type: 'transcript.final', text });
  }

  setPlaybackPosition(turnId: number, playedMs: number): void {
    this.positions.push({ turnId, playedMs });
  }

  pttDown(): void {
    this.ptt.push('down');
  }

  pttUp(): void {
    this.ptt.push('up');
  }

  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: SessionEvent): void {
    if (!this.closed) for (const listener of this.#listeners) listener(event);
  }

  /** Starts `turnId`'s reply audio: `agent.audio.start`, then a paced tone until stopped. */
  startTone(turnId: number): void {
    this.stopTone();
    this.emit({ type: 'agent.audio.start', turnId, sampleRate: OUTPUT_RATE });
    const samples = (OUTPUT_RATE * FRAME_MS) / 1000;
    let sent = 0;
    const tone = {
      paused: false,
      timer: setInterval(() => {
        if (tone.paused) return;
        const frame = new Int16Array(samples);
        for (let i = 0; i < samples; i++)
          frame[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (sent + i)) / OUTPUT_RATE));
        sent += samples;
        this.emit({
          type: 'agent.audio',
          turnId,
          chunk: { samples: frame, sampleRate: OUTPUT_RATE },
          offsetMs: (sent * 1000) / OUTPUT_RATE,
        });
      }, FRAME_MS),
    };
    this.#tone = tone;
  }

  pauseTone(paused: boolean): void {
    if (this.#tone) this.#tone.paused = paused;
  }

  stopTone(): void {
    if (this.#tone) clearInterval(this.#tone.timer);
    this.#tone = undefined;
  }

  close(): Promise<void> {
    this.stopTone();
    this.closed = true;
    this.#listeners.clear();
    return Promise.resolve();
  }
}
