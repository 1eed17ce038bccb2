import type {
  Session,
  SessionListener,
  SessionModels,
  SessionOptions,
} from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import type { AudioChunk } from '../../src/spec/audio.ts';
import type { SessionEvent } from '../../src/spec/events.ts';
import type { ChatMessage } from '../../src/spec/llm.ts';
import type { SttInput } from '../../src/spec/stt.ts';
import { Channel } from '../../src/stream/channel.ts';

/**
 * A deliberately small Session for the browser tests, independent of the real
 * orchestrator: an energy gate finds speech, the given STT model transcribes
 * it, and the reply is `replyMs` of a paced 440 Hz tone. Speech during the
 * reply is a barge-in: audio stops, `interrupt` goes out and history keeps the
 * words covered by the client's last playback position.
 */
export const REPLY_TEXT =
  'We open at seven in the morning and close at nine in the evening every day';
const FRAME_MS = 20;
const LOUD_RMS = 600;
const SPEECH_FRAMES = 4;
const QUIET_FRAMES_TO_END = 25;

export class ToneSession implements Session {
  static #count = 0;
  readonly id = `tone-${++ToneSession.#count}`;
  readonly agent: AgentDefinition;
  readonly outputSampleRate = 24_000;
  readonly history: ChatMessage[] = [];
  readonly replyMs: number;
  readonly #listeners = new Set<SessionListener>();
  readonly #stt: SessionModels['stt'];
  readonly #abort = new AbortController();
  readonly #sttInput = new Channel<SttInput>(500);
  #loudRun = 0;
  #quietRun = 0;
  #inSpeech = false;
  #turnId = 0;
  #reply:
    | { turnId: number; sentMs: number; playedMs: number; timer: ReturnType<typeof setInterval> }
    | undefined;

  constructor(options: SessionOptions & { replyMs?: number }) {
    this.agent = options.agent;
    this.#stt = options.models.stt;
    this.replyMs = options.replyMs ?? 6_000;
    void this.#transcribe();
  }

  pushAudio(chunk: AudioChunk): void {
    this.#sttInput.tryPush({ type: 'audio', chunk });
    let sum = 0;
    for (const sample of chunk.samples) sum += sample * sample;
    const loud = Math.sqrt(sum / Math.max(1, chunk.samples.length)) > LOUD_RMS;
    this.#loudRun = loud ? this.#loudRun + 1 : 0;
    this.#quietRun = loud ? 0 : this.#quietRun + 1;
    if (!this.#inSpeech && this.#loudRun >= SPEECH_FRAMES) {
      this.#inSpeech = true;
      this.#emit({ type: 'user.speech-start', atMs: performance.now() });
      if (this.#reply) this.#interrupt();
    } else if (this.#inSpeech && this.#quietRun >= QUIET_FRAMES_TO_END) {
      this.#inSpeech = false;
      this.#emit({ type: 'user.speech-end', atMs: performance.now() });
    }
  }

  sendText(text: string): void {
    this.#answer(text);
  }

  setPlaybackPosition(turnId: number, playedMs: number): void {
    if (this.#reply?.turnId === turnId) this.#reply.playedMs = playedMs;
    this.lastPosition = { turnId, playedMs };
  }

  lastPosition: { turnId: number; playedMs: number } | undefined;

  pttDown(): void {}
  pttUp(): void {}

  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#abort.abort();
    this.#sttInput.close();
    if (this.#reply) clearInterval(this.#reply.timer);
    this.#reply = undefined;
    this.#listeners.clear();
    return Promise.resolve();
  }

  async #transcribe(): Promise<void> {
    const parts = this.#stt.stream({
      audio: this.#sttInput,
      sampleRate: 16_000,
      ...(this.agent.vocabulary ? { vocabulary: this.agent.vocabulary } : {}),
      signal: this.#abort.signal,
    });
    for await (const part of parts) {
      if (part.type === 'interim') this.#emit({ type: 'transcript.interim', text: part.text });
      else if (part.type === 'final' && part.text.trim() !== '') {
        this.#emit({ type: 'transcript.final', text: part.text });
        if (!this.#reply) this.#answer(part.text);
      } else if (part.type === 'error')
        this.#emit({ type: 'error', error: part.error, fatal: false });
    }
  }

  #answer(userText: string): void {
    const turnId = ++this.#turnId;
    this.history.push({ role: 'user', content: userText });
    this.#emit({ type: 'turn.start', turnId, userText });
    this.#emit({ type: 'agent.text', turnId, text: REPLY_TEXT });
    this.#emit({ type: 'agent.audio.start', turnId, sampleRate: this.outputSampleRate });
    const samplesPerFrame = (this.outputSampleRate * FRAME_MS) / 1000;
    const reply = {
      turnId,
      sentMs: 0,
      playedMs: 0,
      timer: setInterval(() => {
        if (reply.sentMs >= this.replyMs) return this.#finish(false);
        const frame = new Int16Array(samplesPerFrame);
        const startSample = (reply.sentMs * this.outputSampleRate) / 1000;
        for (let i = 0; i < frame.length; i++)
          frame[i] = Math.round(
            8000 * Math.sin((2 * Math.PI * 440 * (startSample + i)) / this.outputSampleRate),
          );
        reply.sentMs += FRAME_MS;
        this.#emit({
          type: 'agent.audio',
          turnId,
          chunk: { samples: frame, sampleRate: this.outputSampleRate },
          offsetMs: reply.sentMs,
        });
      }, FRAME_MS),
    };
    this.#reply = reply;
  }

  #interrupt(): void {
    const reply = this.#reply;
    if (!reply) return;
    const words = REPLY_TEXT.split(' ');
    const heardWords = Math.floor(
      (words.length * Math.min(reply.playedMs, this.replyMs)) / this.replyMs,
    );
    const heardText = words.slice(0, heardWords).join(' ');
    this.#emit({ type: 'interrupt', turnId: reply.turnId, heardText });
    this.#finish(true, heardText);
  }

  #finish(interrupted: boolean, heardText = REPLY_TEXT): void {
    const reply = this.#reply;
    if (!reply) return;
    clearInterval(reply.timer);
    this.#reply = undefined;
    this.history.push({
      role: 'assistant',
      content: heardText,
      ...(interrupted ? { interrupted } : {}),
    });
    this.#emit({ type: 'agent.audio.end', turnId: reply.turnId, interrupted });
    this.#emit({ type: 'turn.end', turnId: reply.turnId, interrupted });
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
