import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  callLogFromRecords,
  type RecordedDetail,
  waterfallFromMetrics,
} from '../../src/telemetry/calls/records-adapter.ts';

const DETAIL: RecordedDetail = {
  id: 'c1',
  agentId: 'support',
  startedAtMs: 1_800_000_000_000,
  durationMs: 42_000,
  turnCount: 1,
  medianFirstAudioMs: 900,
  turns: [
    {
      turnId: 1,
      userText: 'Tell me the policy',
      agentText: 'Returns are free for thirty days. After that a fee applies.',
      heardText: 'Returns are free for thirty days.',
      interrupted: true,
      metrics: {
        turnId: 1,
        endpointingMs: 300,
        llmFirstTokenMs: 250,
        ttsFirstAudioMs: 100,
        firstAudioMs: 900,
        interrupted: true,
      },
      toolCalls: [{ name: 'policy', arguments: { topic: 'returns' }, ok: true, result: 'free' }],
    },
  ],
};

describe('the call log over a records store', () => {
  it('maps stored conversations to the call log, splitting heard from unheard text', async () => {
    const source = callLogFromRecords(
      {
        listConversations: () => Promise.resolve([DETAIL]),
        getConversation: (id) => Promise.resolve(id === 'c1' ? DETAIL : undefined),
      },
      (id) => (id === 'support' ? 'Support desk' : id),
      (id) => Promise.resolve(id === 'c1'),
    );
    const [row] = await source.list();
    assert.deepEqual(row, {
      id: 'c1',
      agentId: 'support',
      agentName: 'Support desk',
      startedAtEpochMs: 1_800_000_000_000,
      durationMs: 42_000,
      turns: 1,
      medianFirstAudioMs: 900,
    });
    const call = await source.get('c1');
    assert.equal(call?.hasRecording, true);
    assert.equal(call?.turnList[0]?.unheardText, 'After that a fee applies.');
    assert.equal(call?.turnList[0]?.tools[0]?.name, 'policy');
    assert.equal(await source.get('nope'), undefined);
  });

  it('draws a waterfall from the figures: LLM after endpointing, TTS ending at first audio', () => {
    const bars = waterfallFromMetrics({
      turnId: 1,
      endpointingMs: 300,
      sttFinalMs: 120,
      llmFirstTokenMs: 250,
      ttsFirstAudioMs: 100,
      firstAudioMs: 900,
      interrupted: false,
    });
    const bar = (name: string) => bars.find((b) => b.name === name)!;
    assert.deepEqual(
      [bar('chat (first token)').startMs, bar('chat (first token)').endMs],
      [300, 550],
    );
    assert.deepEqual(
      [bar('parley.tts.first_audio').startMs, bar('parley.tts.first_audio').endMs],
      [800, 900],
    );
    assert.equal(bar('parley.turn').endMs, 900);
  });
});
