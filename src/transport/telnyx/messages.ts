/**
 * Telnyx media streaming wire messages (bidirectional, `bidirectionalMode="rtp"`), per
 * https://developers.telnyx.com/api-reference/websockets/stream-call-media-over-websocket
 * and https://developers.telnyx.com/docs/voice/programmable-voice/media-streaming
 */
import type { TelephonyCodec } from '../telephony/codec.ts';

export type TelnyxInbound =
  | { readonly event: 'connected'; readonly version: string }
  | {
      readonly event: 'start';
      readonly streamId: string;
      readonly callControlId: string;
      readonly codec: TelephonyCodec;
      readonly sampleRate: number;
    }
  | { readonly event: 'media'; readonly track: string; readonly payload: Uint8Array }
  | { readonly event: 'dtmf'; readonly digit: string }
  | { readonly event: 'mark'; readonly name: string }
  | { readonly event: 'error'; readonly code: number; readonly title: string }
  | { readonly event: 'stop' };

export class TelnyxProtocolError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'TelnyxProtocolError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TelnyxProtocolError(`${where} must be an object`);
  return value as Json;
}

function text(value: Json, key: string, where: string): string {
  const field = value[key];
  if (typeof field !== 'string' || field.length === 0 || field.length > 4096)
    throw new TelnyxProtocolError(`${where}.${key} must be a non-empty string`);
  return field;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CODECS: Readonly<Record<string, TelephonyCodec>> = { PCMU: 'pcmu', PCMA: 'pcma' };

/** Parses one text frame from Telnyx; anything malformed is a TelnyxProtocolError. */
export function parseTelnyxMessage(raw: string): TelnyxInbound {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new TelnyxProtocolError('message is not JSON', { cause: error });
  }
  const message = object(parsed, 'message');
  const event = text(message, 'event', 'message');
  switch (event) {
    case 'connected':
      return { event, version: text(message, 'version', 'connected') };
    case 'start': {
      const start = object(message['start'], 'start.start');
      const format = object(start['media_format'], 'start.media_format');
      const encoding = text(format, 'encoding', 'start.media_format');
      const codec = CODECS[encoding];
      const rate = format['sample_rate'];
      if (!codec || rate !== 8000)
        throw new TelnyxProtocolError(`unsupported media format ${encoding} at ${String(rate)} Hz`);
      return {
        event,
        streamId: text(message, 'stream_id', 'start'),
        callControlId: text(start, 'call_control_id', 'start.start'),
        codec,
        sampleRate: rate,
      };
    }
    case 'media': {
      const media = object(message['media'], 'media.media');
      const payload = text(media, 'payload', 'media.media');
      if (!BASE64.test(payload)) throw new TelnyxProtocolError('media.payload is not base64');
      return {
        event,
        track: text(media, 'track', 'media.media'),
        payload: Buffer.from(payload, 'base64'),
      };
    }
    case 'dtmf':
      return { event, digit: text(object(message['dtmf'], 'dtmf.dtmf'), 'digit', 'dtmf.dtmf') };
    case 'mark':
      return { event, name: text(object(message['mark'], 'mark.mark'), 'name', 'mark.mark') };
    case 'error': {
      const payload = object(message['payload'], 'error.payload');
      const code = payload['code'];
      return {
        event,
        code: typeof code === 'number' ? code : 0,
        title: text(payload, 'title', 'error.payload'),
      };
    }
    case 'stop':
      return { event };
    default:
      throw new TelnyxProtocolError(`unknown event "${event.slice(0, 40)}"`);
  }
}
