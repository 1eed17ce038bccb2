/**
 * Twilio Media Streams wire messages (bidirectional `<Connect><Stream>`), per
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
export type TwilioInbound =
  | { readonly event: 'connected'; readonly protocol: string; readonly version: string }
  | {
      readonly event: 'start';
      readonly streamSid: string;
      readonly callSid: string;
      readonly accountSid: string;
      readonly encoding: string;
      readonly sampleRate: number;
      readonly customParameters: Readonly<Record<string, string>>;
    }
  | { readonly event: 'media'; readonly streamSid: string; readonly payload: Uint8Array }
  | { readonly event: 'dtmf'; readonly streamSid: string; readonly digit: string }
  | { readonly event: 'mark'; readonly streamSid: string; readonly name: string }
  | { readonly event: 'stop'; readonly streamSid: string; readonly callSid: string };

export type TwilioOutbound =
  | { readonly event: 'media'; readonly streamSid: string; readonly media: { payload: string } }
  | { readonly event: 'mark'; readonly streamSid: string; readonly mark: { name: string } }
  | { readonly event: 'clear'; readonly streamSid: string };

export class TwilioProtocolError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'TwilioProtocolError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TwilioProtocolError(`${where} must be an object`);
  return value as Json;
}

function text(value: Json, key: string, where: string): string {
  const field = value[key];
  if (typeof field !== 'string' || field.length === 0 || field.length > 4096)
    throw new TwilioProtocolError(`${where}.${key} must be a non-empty string`);
  return field;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses one text frame from Twilio; anything malformed is a TwilioProtocolError. */
export function parseTwilioMessage(raw: string): TwilioInbound {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new TwilioProtocolError('message is not JSON', { cause: error });
  }
  const message = object(parsed, 'message');
  const event = text(message, 'event', 'message');
  switch (event) {
    case 'connected':
      return {
        event,
        protocol: text(message, 'protocol', 'connected'),
        version: text(message, 'version', 'connected'),
      };
    case 'start': {
      const start = object(message['start'], 'start.start');
      const format = object(start['mediaFormat'], 'start.mediaFormat');
      const rate = format['sampleRate'];
      if (typeof rate !== 'number') throw new TwilioProtocolError('mediaFormat.sampleRate');
      const params = start['customParameters'] === undefined ? {} : start['customParameters'];
      const customParameters: Record<string, string> = {};
      for (const [key, value] of Object.entries(object(params, 'start.customParameters')))
        if (typeof value === 'string') customParameters[key] = value;
      return {
        event,
        streamSid: text(message, 'streamSid', 'start'),
        callSid: text(start, 'callSid', 'start.start'),
        accountSid: text(start, 'accountSid', 'start.start'),
        encoding: text(format, 'encoding', 'start.mediaFormat'),
        sampleRate: rate,
        customParameters,
      };
    }
    case 'media': {
      const media = object(message['media'], 'media.media');
      const payload = text(media, 'payload', 'media.media');
      if (!BASE64.test(payload)) throw new TwilioProtocolError('media.payload is not base64');
      return {
        event,
        streamSid: text(message, 'streamSid', 'media'),
        payload: Buffer.from(payload, 'base64'),
      };
    }
    case 'dtmf': {
      const dtmf = object(message['dtmf'], 'dtmf.dtmf');
      return {
        event,
        streamSid: text(message, 'streamSid', 'dtmf'),
        digit: text(dtmf, 'digit', 'dtmf.dtmf'),
      };
    }
    case 'mark': {
      const mark = object(message['mark'], 'mark.mark');
      return {
        event,
        streamSid: text(message, 'streamSid', 'mark'),
        name: text(mark, 'name', 'mark.mark'),
      };
    }
    case 'stop': {
      const stop = object(message['stop'], 'stop.stop');
      return {
        event,
        streamSid: text(message, 'streamSid', 'stop'),
        callSid: text(stop, 'callSid', 'stop.stop'),
      };
    }
    default:
      throw new TwilioProtocolError(`unknown event "${event.slice(0, 40)}"`);
  }
}

export function twilioMedia(streamSid: string, payload: Uint8Array): TwilioOutbound {
  return { event: 'media', streamSid, media: { payload: Buffer.from(payload).toString('base64') } };
}

export function twilioMark(streamSid: string, name: string): TwilioOutbound {
  return { event: 'mark', streamSid, mark: { name } };
}

export function twilioClear(streamSid: string): TwilioOutbound {
  return { event: 'clear', streamSid };
}
