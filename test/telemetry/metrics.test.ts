import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParleyError, ProviderError } from '../../src/spec/errors.ts';
import { ParleyMetrics } from '../../src/telemetry/metrics.ts';
import { metricsListener } from '../../src/telemetry/metrics-listener.ts';

describe('Prometheus metrics from session events', () => {
  it('counts false interruptions, tool errors by tool, provider errors by vendor and fallbacks', async () => {
    const metrics = new ParleyMetrics();
    let nowMs = 0;
    const listener = metricsListener(metrics, 'support', () => nowMs);
    listener.onEvent({ type: 'turn.start', turnId: 1, userText: 'hi' });
    listener.onEvent({ type: 'agent.resumed', turnId: 1 });
    listener.onEvent({
      type: 'tool.result',
      turnId: 1,
      toolCallId: 'a',
      name: 'lookup',
      ok: false,
      result: 'timed out',
    });
    const vendorError = new ProviderError('503', { provider: 'deepgram', retryable: true });
    listener.onEvent({ type: 'error', error: vendorError, fatal: false });
    listener.onEvent({
      type: 'error',
      error: new ParleyError('tool', 'not a vendor'),
      fatal: false,
    });
    nowMs = 900;
    listener.played(1, 100); // the caller started hearing at 800
    listener.onEvent({
      type: 'metrics.turn',
      metrics: {
        turnId: 1,
        endpointingMs: 300,
        firstAudioMs: 700,
        interrupted: true,
        interruptMs: 250,
        fallbacks: ['llm:openai→anthropic'],
      },
    });
    const text = await metrics.registry.metrics();
    metrics.close();
    assert.match(text, /parley_false_interruptions_total\{agent="support"\} 1/);
    assert.match(text, /parley_tool_errors_total\{agent="support",tool="lookup"\} 1/);
    assert.match(text, /parley_provider_errors_total\{vendor="deepgram"\} 1/);
    assert.doesNotMatch(text, /parley_provider_errors_total\{vendor="unknown"\}/);
    assert.match(
      text,
      /parley_fallbacks_total\{agent="support",fallback="llm:openai→anthropic"\} 1/,
    );
    assert.match(text, /parley_interruptions_total\{agent="support"\} 1/);
    assert.match(text, /parley_interruption_seconds_sum\{agent="support"\} 0\.25/);
    // Turn detected at 0 after 300 ms of endpointing: the user stopped at -300, heard at 800.
    assert.match(text, /parley_heard_seconds_sum\{agent="support"\} 1\.1/);
    assert.match(text, /parley_first_audio_seconds_sum\{agent="support"\} 0\.7/);
  });
});
