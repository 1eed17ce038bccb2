import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createEchoCanceller,
  createPassThroughEchoCanceller,
  echoCancellationDefault,
  EchoUnavailableError,
} from '../../src/audio/echo/index.ts';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { loadSpeexDsp } from '../../src/audio/echo/speex-ffi.ts';
import { AudioFormatError, ClosedError, ConfigError } from '../../src/spec/errors.ts';
import { AGENT_RATE, MIC_RATE, speech } from './echo-audio.ts';
import { runPacedReplies } from './paced-replies.ts';
import { acousticsFor } from './session-conditions.ts';

const silence = (count: number, sampleRate = 16_000) => ({
  samples: new Int16Array(count),
  sampleRate,
});

describe('echo canceller factory', () => {
  it('fails with a typed error naming the package when libspeexdsp cannot be loaded', () => {
    assert.throws(
      () => loadSpeexDsp('libspeexdsp-not-here.so.1'),
      (error: unknown) =>
        error instanceof EchoUnavailableError &&
        error instanceof ConfigError &&
        /libspeexdsp1/.test(error.message) &&
        error.cause !== undefined,
    );
  });

  it('returns the input unchanged with no echo share when disabled', () => {
    const canceller = createEchoCanceller({ sampleRate: 16_000, enabled: false });
    const chunk = { samples: Int16Array.of(1, -2, 3), sampleRate: 16_000 };
    canceller.pushFarEnd({ samples: Int16Array.of(5, 5, 5), sampleRate: 24_000 });
    assert.deepEqual(canceller.processNearEnd(chunk), { cleaned: chunk, echoShare: 0 });
    assert.deepEqual(createPassThroughEchoCanceller().processNearEnd(chunk).echoShare, 0);
  });

  it('refuses microphone audio at another rate than its own, with a typed error', () => {
    const canceller = createEchoCanceller({ sampleRate: 16_000 });
    try {
      assert.throws(() => canceller.processNearEnd(silence(320, 48_000)), AudioFormatError);
      assert.equal(canceller.processNearEnd(silence(320)).cleaned.samples.length, 320);
    } finally {
      canceller.close();
    }
  });

  it('refuses a rate speex is not run at here', () => {
    assert.throws(() => createEchoCanceller({ sampleRate: 44_100 }), AudioFormatError);
  });

  it('refuses work after close and ignores far-end audio sent after it', () => {
    const canceller = createEchoCanceller({ sampleRate: 16_000 });
    canceller.close();
    canceller.close();
    canceller.pushFarEnd(silence(480, 24_000));
    assert.throws(() => canceller.processNearEnd(silence(320)), ClosedError);
  });

  it('passes the voice band and drops what lies below 150 Hz (where speex leaves echo)', () => {
    /** Output level of a tone through a fresh canceller, dB, its first second dropped. */
    const throughDb = (hz: number) => {
      const canceller = createEchoCanceller({ sampleRate: 16_000 });
      try {
        let power = 0;
        for (let chunk = 0; chunk < 100; chunk++) {
          const samples = Int16Array.from({ length: 320 }, (_, i) =>
            Math.round(3_000 * Math.sin((2 * Math.PI * hz * (chunk * 320 + i)) / 16_000)),
          );
          const cleaned = canceller.processNearEnd({ samples, sampleRate: 16_000 }).cleaned;
          if (chunk >= 50) for (const v of cleaned.samples) power += v * v;
        }
        return 10 * Math.log10(power / (50 * 320) / (3_000 * 3_000 * 0.5));
      } finally {
        canceller.close();
      }
    };
    const low = throughDb(75);
    const voice = throughDb(500);
    assert.ok(voice - low >= 18, `75 Hz ${low.toFixed(1)} dB, 500 Hz ${voice.toFixed(1)} dB`);
    assert.ok(voice > -8, `500 Hz ${voice.toFixed(1)} dB`);
  });

  it('returns chunks as long as the input for any chunk size', () => {
    const canceller = createEchoCanceller({ sampleRate: 16_000 });
    try {
      for (const length of [128, 320, 1, 500, 160])
        assert.equal(canceller.processNearEnd(silence(length)).cleaned.samples.length, length);
    } finally {
      canceller.close();
    }
  });
});

describe('a reply the client plays on receipt', () => {
  /**
   * Its far end is laid on the microphone clock as it is sent, and the resampler (24 -> 16 kHz)
   * holds the last 16 samples of each 20 ms until the next frame: read right at the near end,
   * speex's reference had a 1 ms hole every 20 ms (espeak-ng at -3 dB, 20 ms: 20.9 dB played on
   * receipt against 45.7 dB buffered 60 ms). speex-tuning.ts LEAST_FEED_SAMPLES.
   */
  it('has its echo removed as well as a reply the client buffers (espeak-ng at -3 dB, 20 ms, reverb, noise)', async (t) => {
    const parts = [
      await speech('We are open from seven until nine,', 'espeak', AGENT_RATE),
      await speech('every day, and on Sundays until noon.', 'espeak', AGENT_RATE),
    ];
    const acoustics = await acousticsFor({ voice: 'espeak', gainDb: -3, delayMs: 20 });
    /** Median ERLE over the echo of the last two of four replies, dB, and the added latency. */
    const erle = (leadMs: number) => {
      const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
      try {
        const replies = Array.from({ length: 4 }, () => ({ parts, leadMs }));
        const run = runPacedReplies(canceller, acoustics, replies);
        const erles: number[] = [];
        for (let k = run.replyStarts[2]!; k < run.echoDb.length; k++)
          if (run.echoDb[k]! > -45) erles.push(run.echoDb[k]! - run.cleanedDb[k]!);
        erles.sort((a, b) => a - b);
        return { db: erles[erles.length >> 1]!, addedMs: canceller.addedLatencyMs };
      } finally {
        canceller.close();
      }
    };
    const buffered = erle(60);
    const onReceipt = erle(0);
    const figures = `on receipt ${onReceipt.db.toFixed(1)} dB, buffered ${buffered.db.toFixed(1)} dB`;
    t.diagnostic(figures);
    assert.ok(buffered.db >= 30, figures);
    assert.ok(onReceipt.db >= buffered.db - 3, figures);
    // The reference waits for the held samples; the microphone does not.
    assert.equal(onReceipt.addedMs, 0);
  });
});

describe('echo cancellation default', () => {
  it('is on for telephony, where no client cancels echo', () => {
    assert.equal(echoCancellationDefault({ transport: 'telephony' }), true);
  });

  it('is on for a browser that reports echo cancellation off or does not say', () => {
    assert.equal(
      echoCancellationDefault({ transport: 'browser', clientEchoCancellation: false }),
      true,
    );
    assert.equal(echoCancellationDefault({ transport: 'browser' }), true);
  });

  it('is off for a browser whose microphone track has echo cancellation', () => {
    assert.equal(
      echoCancellationDefault({ transport: 'browser', clientEchoCancellation: true }),
      false,
    );
  });

  it('follows the agent setting over the transport default', () => {
    assert.equal(echoCancellationDefault({ transport: 'telephony' }, false), false);
    assert.equal(
      echoCancellationDefault({ transport: 'browser', clientEchoCancellation: true }, true),
      true,
    );
  });
});
