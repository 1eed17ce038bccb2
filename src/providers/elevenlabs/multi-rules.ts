/**
 * What ElevenLabs' multi-context socket (`/v1/text-to-speech/{voice_id}/multi-stream-input`,
 * https://elevenlabs.io/docs/api-reference/multi-context-text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input)
 * refuses once open, for the strict fake. The handshake rules are `streamInputRefusal`.
 */
export interface MultiContextMessage {
  readonly text?: unknown;
  readonly context_id?: unknown;
  readonly flush?: unknown;
  readonly close_context?: unknown;
  readonly close_socket?: unknown;
}

/** An error message the server sends before closing the socket with `code`. */
export interface MultiContextRefusal {
  readonly message: string;
  readonly error: string;
  readonly code: number;
}

/**
 * At most five contexts may be open on one socket; the sixth is refused with this body and
 * close 1008 (https://elevenlabs.io/docs/cookbooks/multi-context-web-socket, "Limits"; the
 * body as reported in https://github.com/livekit/agents-js/issues/1985).
 */
export const MAX_CONTEXTS = 5;

/**
 * Seconds without a message after which the server closes the socket: 20 by default, at
 * most 180 through the `inactivity_timeout` query parameter
 * (https://help.elevenlabs.io/hc/en-us/articles/28084868106513-How-can-I-keep-the-WebSocket-open,
 * https://elevenlabs.io/blog/websocket-improvements-reliability-and-custom-timeout).
 * Parley asks for the most.
 */
export const INACTIVITY_TIMEOUT_S = 180;
export const DEFAULT_INACTIVITY_TIMEOUT_S = 20;

/** The context a message addresses: its `context_id`, or the socket's default context. */
export function contextOf(message: MultiContextMessage): string {
  return typeof message.context_id === 'string' ? message.context_id : 'default';
}

export function multiContextRefusal(
  message: MultiContextMessage,
  open: ReadonlySet<string>,
): MultiContextRefusal | undefined {
  // close_socket and close_context need no text; everything else is a text message.
  if (message.close_socket === true || message.close_context === true) return undefined;
  if (typeof message.text !== 'string') {
    // https://elevenlabs.io/docs/api-reference/multi-context-text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input (SendTextMulti: text required)
    return { message: 'Invalid message: text is required.', error: 'invalid_request', code: 1008 };
  }
  if (!open.has(contextOf(message)) && open.size >= MAX_CONTEXTS) {
    return {
      message: `Maximum simultaneous contexts per WebSocket connection exceeded (${MAX_CONTEXTS}). Please close an existing context before opening a new one.`,
      error: 'max_active_conversations',
      code: 1008,
    };
  }
  return undefined;
}

/**
 * What the server sends before closing an idle socket with 1008 (body as reported in
 * https://github.com/livekit/agents/issues/218; the close code in
 * https://github.com/elevenlabs/elevenlabs-docs/issues/426).
 */
export function inactivityRefusal(timeoutS: number): MultiContextRefusal {
  return {
    message: `Have not received a new text input within the timeout of ${timeoutS} seconds. Streaming input terminated. Please make sure to either feed the input in the timely manner, or to send the end of input text (empty string "") when done.`,
    error: 'input_timeout_exceeded',
    code: 1008,
  };
}

/** The socket's idle limit in seconds from its `inactivity_timeout` query parameter. */
export function inactivityTimeoutS(query: URLSearchParams): number {
  const asked = Number(query.get('inactivity_timeout') ?? DEFAULT_INACTIVITY_TIMEOUT_S);
  return Number.isFinite(asked) && asked > 0
    ? Math.min(asked, INACTIVITY_TIMEOUT_S)
    : DEFAULT_INACTIVITY_TIMEOUT_S;
}
