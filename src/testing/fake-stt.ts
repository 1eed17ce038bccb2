import type { Clock } from '../spec/clock.ts';
import type { SttInput, SttModel, SttPart, SttStreamOptions } from '../spec/stt.ts';
import { Channel } from '../stream/channel.ts';
import type { FakeLatencies, FakeUtterance, UserSpeechScript } from './user-speech.ts';

/**
 * An STT that "hears" the scripted user: interims during each utterance and a
 * final `sttFinalDelayMs` after it ends. A `finalize` input makes the final of
 * an utterance that has already ended arrive at once. The stream ends when its
 * audio input ends and nothing is pending, or on abort. Records its inputs.
 */
export function createFakeStt(options: {
  readonly clock: Clock;
  readonly script: UserSpeechScript;
  readonly latencies?: FakeLatencies;
}): SttModel & { readonly inputs: SttInput[] } {
  const { clock, script } = options;
  const finalDelayMs = options.latencies?.sttFinalDelayMs ?? 0;
  const inputs: SttInput[] = [];

  async function* stream(streamOptions: SttStreamOptions): AsyncGenerator<SttPart> {
    const { signal } = streamOptions;
    if (signal.aborted) return;
    const out = new Channel<SttPart>(64);
    const pending = new Set(script.filter((u) => u.transcript !== ''));
    const cancels: (() => void)[] = [];
    let inputEnded = false;
    const closeIfDone = () => {
      if (inputEnded && pending.size === 0) out.close();
    };
    const sendFinal = (u: FakeUtterance) => {
      if (!pending.delete(u)) return;
      out.tryPush({ type: 'final', text: u.transcript, confidence: 0.9 });
      closeIfDone();
    };
    for (const u of script) {
      for (const interim of u.interims ?? []) {
        cancels.push(
          clock.setTimer(u.startMs + interim.atMs - clock.now(), () =>
            out.tryPush({ type: 'interim', text: interim.text }),
          ),
        );
      }
      if (u.transcript !== '') {
        cancels.push(clock.setTimer(u.endMs + finalDelayMs - clock.now(), () => sendFinal(u)));
      }
    }
    const onAbort = () => out.close();
    signal.addEventListener('abort', onAbort, { once: true });
    void (async () => {
      for await (const input of streamOptions.audio) {
        if (signal.aborted) return;
        inputs.push(input);
        if (input.type === 'finalize') {
          for (const u of [...pending]) if (u.endMs <= clock.now()) sendFinal(u);
        }
      }
      inputEnded = true;
      closeIfDone();
    })();
    try {
      for await (const part of out) {
        if (signal.aborted) return;
        yield part;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      for (const cancel of cancels) cancel();
    }
  }

  return {
    provider: 'fake',
    model: 'scripted-stt',
    capabilities: { streaming: true, interimResults: true, wordTimings: false, languages: ['*'] },
    inputs,
    stream,
  };
}
