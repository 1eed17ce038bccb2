import type { AudioChunk } from '../../spec/audio.ts';

/**
 * Keeps the agent's echo from the speech recogniser (pure; the session calls it per chunk).
 * While the agent's echo may be in the microphone and no user speech has been accepted, the
 * cleaned audio is held back (a bounded pre-roll) instead of going to the STT; when the VAD's
 * onset is judged the user's, the pre-roll from just before that onset goes out first, so the
 * user's first words are not lost. Everything runs on the input audio clock, so an STT or VAD
 * running late does not change what is let through.
 */
export interface EchoSttGate {
  /** One cleaned chunk at [startMs, endMs); returns the chunks to send to the STT now. */
  push(chunk: AudioChunk, startMs: number, echoPossible: boolean): readonly AudioChunk[];
  /** User speech accepted from `onsetMs`: returns the held chunks from `onsetMs - leadMs` on. */
  open(onsetMs: number): readonly AudioChunk[];
  /** The user's turn is over (or was only noise): hold back again while echo is possible. */
  shut(): void;
  readonly isOpen: boolean;
}

interface Held {
  readonly chunk: AudioChunk;
  readonly startMs: number;
  readonly endMs: number;
}

export function createEchoSttGate(prerollMs = 1_500, leadMs = 200): EchoSttGate {
  let held: Held[] = [];
  let open = false;
  return {
    push(chunk, startMs, echoPossible) {
      if (open || !echoPossible) {
        held = [];
        return [chunk];
      }
      const endMs = startMs + (chunk.samples.length * 1000) / chunk.sampleRate;
      held.push({ chunk, startMs, endMs });
      while (held.length > 0 && held[0]!.endMs < endMs - prerollMs) held.shift();
      return [];
    },
    open(onsetMs) {
      open = true;
      const released = held.filter((h) => h.endMs > onsetMs - leadMs).map((h) => h.chunk);
      held = [];
      return released;
    },
    shut() {
      open = false;
      held = [];
    },
    get isOpen() {
      return open;
    },
  };
}
