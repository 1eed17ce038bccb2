import type { StreamEvent, StreamProtocol } from '../telephony/stream-protocol.ts';
import {
  TwilioProtocolError,
  parseTwilioMessage,
  twilioClear,
  twilioMark,
  twilioMedia,
} from './messages.ts';

/** Twilio Media Streams onto the shared stream events. */
export const twilioProtocol: StreamProtocol = {
  vendor: 'twilio',
  parse(raw: string): StreamEvent {
    const message = parseTwilioMessage(raw);
    switch (message.event) {
      case 'connected':
        return { kind: 'connected' };
      case 'start':
        // Twilio streams are always μ-law at 8 kHz (mediaFormat in the start message).
        if (message.encoding !== 'audio/x-mulaw' || message.sampleRate !== 8000)
          throw new TwilioProtocolError(
            `unsupported media format ${message.encoding} at ${message.sampleRate} Hz`,
          );
        return {
          kind: 'start',
          streamId: message.streamSid,
          callId: message.callSid,
          codec: 'pcmu',
          parameters: message.customParameters,
        };
      case 'media':
        return { kind: 'media', payload: message.payload };
      case 'dtmf':
        return { kind: 'dtmf', digit: message.digit };
      case 'mark':
        return { kind: 'mark', name: message.name };
      case 'stop':
        return { kind: 'stop' };
    }
  },
  media: (streamId, payload) => JSON.stringify(twilioMedia(streamId, payload)),
  mark: (streamId, name) => JSON.stringify(twilioMark(streamId, name)),
  clear: (streamId) => JSON.stringify(twilioClear(streamId)),
};
