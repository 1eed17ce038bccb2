/**
 * The AudioWorkletGlobalScope, typed by hand: TypeScript's DOM library does not
 * describe it, and declaring these names globally would leak into every file.
 */
export interface WorkletProcessor {
  readonly port: MessagePort;
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
}

export interface WorkletScope {
  readonly sampleRate: number;
  readonly currentTime: number;
  readonly AudioWorkletProcessor: new () => { readonly port: MessagePort };
  registerProcessor(name: string, processor: new () => WorkletProcessor): void;
}

export const scope = globalThis as unknown as WorkletScope;
