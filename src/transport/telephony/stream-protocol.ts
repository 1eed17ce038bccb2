import type { TelephonyCodec } from './codec.ts';

/** A vendor's media-stream message, in the shape every vendor shares. */
export type StreamEvent =
  | { readonly kind: 'connected' }
  | {
      readonly kind: 'start';
      readonly streamId: string;
      readonly callId: string;
      readonly codec: TelephonyCodec;
      readonly parameters: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'media'; readonly payload: Uint8Array }
  | { readonly kind: 'dtmf'; readonly digit: string }
  | { readonly kind: 'mark'; readonly name: string }
  | { readonly kind: 'stop' }
  | { readonly kind: 'ignored'; readonly why: string };

/** One vendor's serializer: parses what the vendor sends, builds what it accepts. */
export interface StreamProtocol {
  readonly vendor: string;
  /** Throws a typed protocol error on a malformed message. */
  parse(raw: string): StreamEvent;
  media(streamId: string, payload: Uint8Array): string;
  mark(streamId: string, name: string): string;
  clear(streamId: string): string;
}
