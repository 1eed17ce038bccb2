import type { Session, SessionListener, SessionOptions } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { AudioChunk } from '../spec/audio.ts';
import { AudioFormatError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { ChatMessage } from '../spec/llm.ts';

/** Test double for a Session: records every call and lets the test emit events. */
export class StubSession implements Session {
  static #nextId = 1;
  readonly id = `stub-${StubSession.#nextId++}`;
  readonly agent: AgentDefinition;
  readonly outputSampleRate: number;
  readonly history: ChatMessage[] = [];
  readonly audio: AudioChunk[] = [];
  readonly texts: string[] = [];
  readonly positions: { turnId: number; playedMs: number }[] = [];
  readonly ptt: ('down' | 'up')[] = [];
  closed = false;
  readonly #listeners = new Set<SessionListener>();

  constructor(options: SessionOptions) {
    this.agent = options.agent;
    this.outputSampleRate = options.outputSampleRate ?? 24_000;
  }

  pushAudio(chunk: AudioChunk): void {
    if (chunk.sampleRate !== 16_000) throw new AudioFormatError(`bad rate ${chunk.sampleRate}`);
    this.audio.push(chunk);
  }
  sendText(text: string): void {
    this.texts.push(text);
  }
  setPlaybackPosition(turnId: number, playedMs: number): void {
    this.positions.push({ turnId, playedMs });
  }
  pttDown(): void {
    this.ptt.push('down');
  }
  pttUp(): void {
    this.ptt.push('up');
  }
  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  get listenerCount(): number {
    return this.#listeners.size;
  }
  emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
  close(): Promise<void> {
    this.closed = true;
    this.#listeners.clear();
    return Promise.resolve();
  }
}

export const demoAgent: AgentDefinition = {
  id: 'demo',
  name: 'Demo',
  description: 'A test agent.',
  language: 'en-US',
  systemPrompt: 'You are a test.',
  tools: [],
  ui: { page: 'agent.html', title: 'Demo agent' },
};

/** A fake model set: the stub session never calls it. */
export const noModels = {} as SessionOptions['models'];
