import type { StreamEvent, StreamProtocol } from '../telephony/stream-protocol.ts';
import { parseTelnyxMessage } from './messages.ts';

/** Telnyx media streaming onto the shared stream events. */
export const telnyxProtocol: StreamProtocol = {
  vendor: 'telnyx',
  parse(raw: string): StreamEvent {
    const message = parseTelnyxMessage(raw);
    switch (message.event) {
      case 'connected':
        return { kind: 'connected' };
      case 'start':
        return {
          kind: 'start',
          streamId: message.streamId,
          callId: message.callControlId,
          codec: message.codec,
          parameters: {},
        };
      case 'media':
        // With track="both_tracks" Telnyx also sends what the caller hears; only theirs is input.
        if (message.track !== 'inbound') return { kind: 'ignored', why: `${message.track} track` };
        return { kind: 'media', payload: message.payload };
      case 'dtmf':
        return { kind: 'dtmf', digit: message.digit };
      case 'mark':
        return { kind: 'mark', name: message.name };
      case 'error':
        return { kind: 'ignored', why: `telnyx error ${message.code}: ${message.title}` };
      case 'stop':
        return { kind: 'stop' };
    }
  },
  // Outbound frames name no stream: the socket is the stream.
  media: (_streamId, payload) =>
    JSON.stringify({ event: 'media', media: { payload: Buffer.from(payload).toString('base64') } }),
  mark: (_streamId, name) => JSON.stringify({ event: 'mark', mark: { name } }),
  clear: () => JSON.stringify({ event: 'clear' }),
};
