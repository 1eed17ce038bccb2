import { JitterQueue } from './jitter-queue.ts';
import type { PlaybackCommand, PlaybackReport } from './playback-messages.ts';
import { scope } from './worklet-scope.ts';

const PREBUFFER_MS = 60;
const REPORT_EVERY_MS = 100;

/** Plays agent audio from a small jitter buffer and reports what was actually heard. */
class PlaybackProcessor extends scope.AudioWorkletProcessor {
  readonly #queue = new JitterQueue(Math.round((scope.sampleRate * PREBUFFER_MS) / 1000));
  readonly #playedSamples = new Map<number, number>();
  readonly #endedTurns = new Set<number>();
  #currentTurn = -1;
  #lastReportMs = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<PlaybackCommand>) => this.#command(event.data);
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]?.[0];
    if (!out) return true;
    this.#queue.read(out, (turnId, count) => {
      if (!this.#playedSamples.has(turnId)) this.#report({ type: 'started', turnId });
      this.#playedSamples.set(turnId, (this.#playedSamples.get(turnId) ?? 0) + count);
      this.#currentTurn = turnId;
    });
    for (let channel = 1; channel < (outputs[0]?.length ?? 0); channel++)
      outputs[0]?.[channel]?.set(out);
    const nowMs = scope.currentTime * 1000;
    if (this.#currentTurn >= 0 && nowMs - this.#lastReportMs >= REPORT_EVERY_MS) {
      this.#lastReportMs = nowMs;
      const turnId = this.#currentTurn;
      this.#report({ type: 'position', turnId, playedMs: this.#playedMs(turnId) });
      if (this.#endedTurns.has(turnId) && !this.#queue.hasTurn(turnId)) {
        this.#report({ type: 'ended', turnId, playedMs: this.#playedMs(turnId) });
        this.#endedTurns.delete(turnId);
        this.#currentTurn = -1;
      }
    }
    return true;
  }

  #command(command: PlaybackCommand): void {
    switch (command.type) {
      case 'start':
        return;
      case 'audio': {
        const floats = new Float32Array(command.samples.length);
        for (let i = 0; i < floats.length; i++) floats[i] = (command.samples[i] ?? 0) / 32768;
        this.#queue.push(command.turnId, floats);
        return;
      }
      case 'end':
        this.#queue.markEnded(command.turnId);
        this.#endedTurns.add(command.turnId);
        if (!this.#playedSamples.has(command.turnId)) this.#currentTurn = command.turnId;
        return;
      case 'flush': {
        this.#queue.clear();
        const turnId = this.#currentTurn;
        this.#report({
          type: 'flushed',
          turnId,
          playedMs: turnId >= 0 ? this.#playedMs(turnId) : 0,
        });
        this.#endedTurns.clear();
        this.#currentTurn = -1;
        return;
      }
    }
  }

  #playedMs(turnId: number): number {
    return ((this.#playedSamples.get(turnId) ?? 0) * 1000) / scope.sampleRate;
  }

  #report(report: PlaybackReport): void {
    this.port.postMessage(report);
  }
}

scope.registerProcessor('parley-playback', PlaybackProcessor);
