import type { SessionEvent } from '../spec/events.ts';
import type { ServerMessage, WireErrorCode } from './messages.ts';

/** What one session event becomes on the wire: a JSON message, a binary audio frame, or nothing. */
export type WireOutput =
  | { readonly kind: 'json'; readonly message: ServerMessage }
  | { readonly kind: 'audio'; readonly turnId: number; readonly samples: Int16Array }
  | { readonly kind: 'none' };

const none: WireOutput = { kind: 'none' };

function json(message: ServerMessage): WireOutput {
  return { kind: 'json', message };
}

/**
 * Maps a session event onto the browser protocol. Retrieved passages stay on
 * the server; tool results say only whether the tool succeeded.
 */
export function sessionEventToWire(event: SessionEvent): WireOutput {
  switch (event.type) {
    case 'agent.audio':
      return { kind: 'audio', turnId: event.turnId, samples: event.chunk.samples };
    case 'user.speech-start':
      return json({ type: 'user.speech-start' });
    case 'user.speech-end':
      return json({ type: 'user.speech-end' });
    case 'transcript.interim':
    case 'transcript.final':
      return json({ type: event.type, text: event.text });
    case 'turn.start':
      return json({ type: event.type, turnId: event.turnId, userText: event.userText });
    case 'agent.text':
    case 'filler':
      return json({ type: event.type, turnId: event.turnId, text: event.text });
    case 'agent.audio.start':
      return json({ type: event.type, turnId: event.turnId, sampleRate: event.sampleRate });
    case 'agent.audio.end':
      return json({ type: event.type, turnId: event.turnId, interrupted: event.interrupted });
    case 'turn.end':
      return json({
        type: event.type,
        turnId: event.turnId,
        interrupted: event.interrupted,
        ...(event.cancelled && { cancelled: true }),
      });
    case 'agent.paused':
    case 'agent.resumed':
      return json({ type: event.type, turnId: event.turnId });
    case 'interrupt':
      return json({ type: event.type, turnId: event.turnId, heardText: event.heardText });
    case 'tool.call':
      return json({
        type: event.type,
        turnId: event.turnId,
        toolCallId: event.toolCallId,
        name: event.name,
      });
    case 'tool.progress':
      return json({
        type: event.type,
        turnId: event.turnId,
        toolCallId: event.toolCallId,
        name: event.name,
        fraction: event.fraction,
        ...(event.label === undefined ? {} : { label: event.label }),
      });
    case 'tool.result':
      return json({
        type: event.type,
        turnId: event.turnId,
        toolCallId: event.toolCallId,
        name: event.name,
        ok: event.ok,
      });
    case 'metrics.turn':
      return json({ type: event.type, metrics: event.metrics });
    case 'error': {
      const code: WireErrorCode = 'session-error';
      return json({
        type: 'error',
        code,
        message: `${event.error.code}: ${event.error.message}`,
        fatal: event.fatal,
      });
    }
    case 'agent.word':
      return json({
        type: event.type,
        turnId: event.turnId,
        word: event.word,
        startMs: event.startMs,
        endMs: event.endMs,
      });
    case 'retrieval':
    case 'user.backchannel':
      return none;
  }
}
