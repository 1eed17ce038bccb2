import { isRecord } from './json.ts';

/** The client events Parley understands (GA names; the beta names are the same for these). */
export type ClientEvent =
  | {
      readonly type: 'session.update';
      readonly eventId?: string;
      readonly session: Record<string, unknown>;
    }
  | {
      readonly type: 'input_audio_buffer.append';
      readonly eventId?: string;
      readonly audio: string;
    }
  | { readonly type: 'input_audio_buffer.commit'; readonly eventId?: string }
  | { readonly type: 'input_audio_buffer.clear'; readonly eventId?: string }
  | {
      readonly type: 'conversation.item.create';
      readonly eventId?: string;
      readonly previousItemId?: string;
      readonly item: ClientItem;
    }
  | { readonly type: 'response.create'; readonly eventId?: string }
  | { readonly type: 'response.cancel'; readonly eventId?: string; readonly responseId?: string }
  | {
      readonly type: 'conversation.item.truncate';
      readonly eventId?: string;
      readonly itemId: string;
      readonly contentIndex: number;
      readonly audioEndMs: number;
    };

export type ClientItem =
  | { readonly kind: 'user-text'; readonly id?: string; readonly text: string }
  | {
      readonly kind: 'function-output';
      readonly id?: string;
      readonly callId: string;
      readonly output: string;
    };

/** Events of the API that Parley does not implement: refused with an `error`, nothing changes. */
export const UNSUPPORTED_EVENTS = [
  'conversation.item.delete',
  'conversation.item.retrieve',
  'output_audio_buffer.clear',
  'transcription_session.update',
] as const;

export const SUPPORTED_EVENTS = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.truncate',
  'response.create',
  'response.cancel',
] as const;

/** Why an event was refused, in the API's `error` shape. */
export interface EventProblem {
  readonly type: 'invalid_request_error';
  readonly code: string;
  readonly message: string;
  readonly param: string | null;
  readonly eventId: string | null;
}

const problem = (
  code: string,
  message: string,
  param: string | null,
  eventId: string | null,
): EventProblem => ({
  type: 'invalid_request_error',
  code,
  message,
  param,
  eventId,
});

/** Parses one text frame into a client event, or says what is wrong with it. */
export function parseClientEvent(text: string): ClientEvent | EventProblem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return problem('invalid_json', 'We could not parse the JSON body of your request.', null, null);
  }
  if (!isRecord(raw)) return problem('invalid_json', 'An event must be a JSON object.', null, null);
  const eventId = typeof raw['event_id'] === 'string' ? raw['event_id'] : undefined;
  const id = eventId ?? null;
  const base = eventId === undefined ? {} : { eventId };
  const type = raw['type'];
  if (typeof type !== 'string')
    return problem('missing_required_parameter', "Missing required parameter: 'type'.", 'type', id);
  switch (type) {
    case 'session.update':
      if (!isRecord(raw['session'])) {
        return problem(
          'missing_required_parameter',
          "Missing required parameter: 'session'.",
          'session',
          id,
        );
      }
      return { type, ...base, session: raw['session'] };
    case 'input_audio_buffer.append':
      if (typeof raw['audio'] !== 'string') {
        return problem(
          'missing_required_parameter',
          "Missing required parameter: 'audio'.",
          'audio',
          id,
        );
      }
      return { type, ...base, audio: raw['audio'] };
    case 'input_audio_buffer.commit':
    case 'input_audio_buffer.clear':
    case 'response.create':
      return { type, ...base };
    case 'response.cancel':
      return {
        type,
        ...base,
        ...(typeof raw['response_id'] === 'string' && { responseId: raw['response_id'] }),
      };
    case 'conversation.item.truncate': {
      const itemId = raw['item_id'];
      const audioEndMs = raw['audio_end_ms'];
      if (typeof itemId !== 'string')
        return problem(
          'missing_required_parameter',
          "Missing required parameter: 'item_id'.",
          'item_id',
          id,
        );
      if (typeof audioEndMs !== 'number' || !Number.isInteger(audioEndMs) || audioEndMs < 0) {
        return problem(
          'invalid_value',
          "Invalid value for 'audio_end_ms': expected a non-negative integer.",
          'audio_end_ms',
          id,
        );
      }
      const contentIndex = typeof raw['content_index'] === 'number' ? raw['content_index'] : 0;
      return { type, ...base, itemId, contentIndex, audioEndMs };
    }
    case 'conversation.item.create': {
      const item = parseItem(raw['item'], id);
      if ('code' in item) return item;
      return {
        type,
        ...base,
        ...(typeof raw['previous_item_id'] === 'string' && {
          previousItemId: raw['previous_item_id'],
        }),
        item,
      };
    }
    default:
      if ((UNSUPPORTED_EVENTS as readonly string[]).includes(type)) {
        return problem('unsupported_event', `Parley does not support '${type}'.`, 'type', id);
      }
      return problem(
        'invalid_value',
        `Invalid value: '${type}'. Supported values are: ${SUPPORTED_EVENTS.map((t) => `'${t}'`).join(', ')}.`,
        'type',
        id,
      );
  }
}

function parseItem(value: unknown, eventId: string | null): ClientItem | EventProblem {
  if (!isRecord(value))
    return problem(
      'missing_required_parameter',
      "Missing required parameter: 'item'.",
      'item',
      eventId,
    );
  const id = typeof value['id'] === 'string' ? { id: value['id'] } : {};
  if (value['type'] === 'function_call_output') {
    if (typeof value['call_id'] !== 'string') {
      return problem(
        'missing_required_parameter',
        "Missing required parameter: 'item.call_id'.",
        'item.call_id',
        eventId,
      );
    }
    if (typeof value['output'] !== 'string') {
      return problem(
        'missing_required_parameter',
        "Missing required parameter: 'item.output'.",
        'item.output',
        eventId,
      );
    }
    return { kind: 'function-output', ...id, callId: value['call_id'], output: value['output'] };
  }
  if (value['type'] === 'message') {
    if (value['role'] !== 'user') {
      return problem(
        'unsupported_item',
        `Parley accepts user messages only (the agent's own turns and instructions come from its definition), not role '${String(value['role'])}'.`,
        'item.role',
        eventId,
      );
    }
    const content = Array.isArray(value['content']) ? value['content'] : [];
    const texts = content.flatMap((part) =>
      isRecord(part) && part['type'] === 'input_text' && typeof part['text'] === 'string'
        ? [part['text']]
        : [],
    );
    if (texts.length === 0 || texts.length !== content.length) {
      return problem(
        'unsupported_content',
        "Parley accepts 'input_text' content in user messages.",
        'item.content',
        eventId,
      );
    }
    return { kind: 'user-text', ...id, text: texts.join(' ') };
  }
  return problem(
    'invalid_value',
    `Invalid value: '${String(value['type'])}'. Supported values are: 'message', 'function_call_output'.`,
    'item.type',
    eventId,
  );
}
