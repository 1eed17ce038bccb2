import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '../../spec/errors.ts';

/** A recording id that is not one this store could have made (and never a path). */
export class RecordingIdError extends ParleyError {
  constructor(id: string) {
    super('config', `not a recording id: ${JSON.stringify(id.slice(0, 80))}`);
    this.name = 'RecordingIdError';
  }
}

export interface RecordingMeta {
  readonly id: string;
  readonly agentId: string;
  readonly startedAtEpochMs: number;
  readonly durationMs: number;
  readonly sampleRate: number;
  readonly expiresAtEpochMs: number;
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

function checkId(id: string): string {
  if (!ID.test(id)) throw new RecordingIdError(id);
  return id;
}

/** Recordings on disk: `<id>.wav` beside `<id>.json`. Expired ones go on `prune`. */
export class RecordingStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  async save(meta: RecordingMeta, wav: Uint8Array): Promise<void> {
    const id = checkId(meta.id);
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${id}.wav`), wav, { mode: 0o600 });
    await writeFile(join(this.dir, `${id}.json`), JSON.stringify(meta), { mode: 0o600 });
  }

  /** The WAV bytes, or undefined when there is no such recording (or it expired). */
  async read(id: string, nowEpochMs = Date.now()): Promise<Uint8Array | undefined> {
    const meta = await this.meta(id);
    if (!meta || meta.expiresAtEpochMs <= nowEpochMs) return undefined;
    return readFile(join(this.dir, `${checkId(id)}.wav`));
  }

  async meta(id: string): Promise<RecordingMeta | undefined> {
    try {
      const text = await readFile(join(this.dir, `${checkId(id)}.json`), 'utf8');
      return JSON.parse(text) as RecordingMeta;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Deletes a recording; true when there was one. */
  async delete(id: string): Promise<boolean> {
    const existed = (await this.meta(id)) !== undefined;
    await rm(join(this.dir, `${checkId(id)}.wav`), { force: true });
    await rm(join(this.dir, `${checkId(id)}.json`), { force: true });
    return existed;
  }

  async list(): Promise<RecordingMeta[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const metas = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map((n) => this.meta(n.slice(0, -5))),
    );
    return metas.filter((m): m is RecordingMeta => m !== undefined);
  }

  /** Deletes every recording past its retention; returns their ids. */
  async prune(nowEpochMs = Date.now()): Promise<string[]> {
    const expired = (await this.list()).filter((m) => m.expiresAtEpochMs <= nowEpochMs);
    for (const meta of expired) await this.delete(meta.id);
    return expired.map((m) => m.id);
  }
}
