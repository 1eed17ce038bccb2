// Issue 11's spoken scenario suite: the real server over its WebSocket protocol, with the real
// Silero VAD, pocketsphinx, the scripted dialogue engine and espeak-ng, on speech from voices the
// rest of the project does not test with (flite slt, awb, rms), clean and over pink noise.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestVoice } from '../../src/testing/speech/index.ts';
import { todoFor } from './known-failures.ts';
import { SCENARIOS } from './scenarios.ts';
import { runCells, ScenarioSuite, type Cell, type CellResult } from './suite.ts';
import { renderTable } from './table.ts';

const VOICES: readonly TestVoice[] = ['flite-slt', 'flite-awb', 'flite-rms'];
/** Each scenario once, voices and clean/noisy taken in turn; the bench runs the whole matrix. */
const CELLS: readonly Cell[] = SCENARIOS.map((scenario, i) => ({
  scenario,
  voice: VOICES[i % VOICES.length]!,
  noisy: Math.floor(i / VOICES.length) % 2 === 1,
}));
/** Sessions at once, over server processes: each is real time with real engines, on 2 shared cores. */
const CONCURRENCY = 3;
const SERVERS = 2;

const cellName = (cell: Cell) =>
  `${cell.scenario.id} (${cell.voice}, ${cell.noisy ? 'noisy' : 'clean'})`;

describe('spoken scenarios through the WebSocket server', () => {
  const controller = new AbortController();
  let suite: ScenarioSuite | undefined;
  let results: Promise<CellResult[]> | undefined;

  before(async () => {
    suite = await ScenarioSuite.start(SERVERS, controller.signal);
    results = runCells(suite, CELLS, CONCURRENCY, controller.signal);
  });

  after(async () => {
    const done = await results?.catch(() => undefined);
    if (done) console.log(`\n${renderTable(done)}\n`);
    controller.abort();
    await suite?.close();
  });

  CELLS.forEach((cell, index) => {
    const name = cellName(cell);
    const todo = todoFor(cell.scenario.id);
    it(name, todo === undefined ? {} : { todo }, async () => {
      assert.ok(results, 'the suite started');
      const result = (await results)[index]!;
      assert.ok(result.verdict.pass, result.verdict.reason);
    });
  });
});
