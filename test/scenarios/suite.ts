import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClipMaker,
  noiseBed,
  type NoiseBed,
  type TestVoice,
} from '../../src/testing/speech/index.ts';
import { TRIGGER_TEXT } from './agent.ts';
import type { Verdict } from './judge.ts';
import { measureReplyMs, runScenario, type Recording } from './run.ts';
import type { Scenario } from './scenarios.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/** One cell of the table: a scenario in one voice, clean or over noise. */
export interface Cell {
  readonly scenario: Scenario;
  readonly voice: TestVoice;
  readonly noisy: boolean;
}

export interface CellResult extends Cell {
  readonly verdict: Verdict;
  readonly recording: Recording | undefined;
}

/** Noise for the noisy cells: pink noise 15 dB below the voice's speech. */
export const SNR_DB = 15;
/** Speech is generated once per content and kept here between runs. */
export const SPEECH_CACHE_DIR = join(tmpdir(), 'parley-scenario-speech');

/**
 * Server processes (each a real Parley server with the offline engines), the speech maker and
 * the measured reply length, shared by every cell. Cells are spread over the servers.
 */
export class ScenarioSuite {
  readonly servers: readonly ServerProcess[];
  readonly replyMs: number;
  readonly #maker = new ClipMaker(SPEECH_CACHE_DIR);
  readonly #beds = new Map<TestVoice, Promise<NoiseBed>>();
  #nextServer = 0;

  private constructor(servers: readonly ServerProcess[], replyMs: number) {
    this.servers = servers;
    this.replyMs = replyMs;
  }

  static async start(serverCount: number, signal: AbortSignal): Promise<ScenarioSuite> {
    const started = await Promise.allSettled(
      Array.from({ length: serverCount }, () => startServerProcess(signal)),
    );
    const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      const replyMs = await measureReplyMs(servers[0]!.wsUrl, 'desk', TRIGGER_TEXT, signal);
      return new ScenarioSuite(servers, replyMs);
    } catch (error: unknown) {
      await Promise.all(servers.map((s) => s.close()));
      throw error;
    }
  }

  /** Runs one cell; a scenario that cannot run at all is a failed cell with the error as its reason. */
  async run(cell: Cell, signal: AbortSignal): Promise<CellResult> {
    try {
      const clip = await this.#maker.make(
        { voice: cell.voice, parts: cell.scenario.parts },
        signal,
      );
      const noise = cell.noisy ? await this.#bed(cell.voice, signal) : undefined;
      const server = this.servers[this.#nextServer++ % this.servers.length]!;
      const recording = await runScenario(cell.scenario.plan, clip, {
        wsUrl: server.wsUrl,
        replyMs: this.replyMs,
        signal,
        ...(noise ? { noise } : {}),
      });
      return {
        ...cell,
        recording,
        verdict: cell.scenario.judge(recording, { replyMs: this.replyMs }),
      };
    } catch (error: unknown) {
      if (signal.aborted) throw error;
      const reason = `could not run: ${error instanceof Error ? error.message : String(error)}`;
      return { ...cell, recording: undefined, verdict: { pass: false, reason } };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
  }

  /** The voice's noise bed, levelled against a sentence in that voice. */
  #bed(voice: TestVoice, signal: AbortSignal): Promise<NoiseBed> {
    let bed = this.#beds.get(voice);
    if (bed === undefined) {
      bed = this.#maker
        .make({ voice, parts: [{ say: 'My phone number is six five oh.' }] }, signal)
        .then((clip) => noiseBed(SPEECH_CACHE_DIR, clip.samples, SNR_DB, signal));
      this.#beds.set(voice, bed);
    }
    return bed;
  }
}

/** Runs `cells` at most `concurrency` at a time, in order of the list. */
export async function runCells(
  suite: ScenarioSuite,
  cells: readonly Cell[],
  concurrency: number,
  signal: AbortSignal,
): Promise<CellResult[]> {
  const results: CellResult[] = new Array<CellResult>(cells.length);
  let next = 0;
  const worker = async () => {
    while (next < cells.length) {
      const index = next++;
      results[index] = await suite.run(cells[index]!, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cells.length) }, worker));
  return results;
}
