import type { ClientMessage, WireError, WireErrorCode } from './messages.ts';

export type ParseResult =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly error: WireError };

/** Longest typed user turn accepted, in characters. */
export const MAX_TEXT_INPUT_CHARS = 2_000;
const MAX_ID_CHARS = 200;
/** Signed identity claims fit well under the 4 KiB pre-start frame limit. */
const MAX_IDENTITY_CHARS = 2_048;
/** A turn's audio longer than a day is not a real position. */
const MAX_PLAYED_MS = 86_400_000;

function fail(code: WireErrorCode, message: string, about?: string): ParseResult {
  return { ok: false, error: { type: 'error', code, message, fatal: false, about } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown, maxChars: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxChars;
}

function unexpectedKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

/** Parses one text frame into a client message, or says exactly what is wrong with it. */
export function parseClientMessage(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('bad-json', `text frame is not valid JSON: ${reason}`);
  }
  return validateClientMessage(value);
}

const START_KEYS = ['type', 'agent', 'sampleRate', 'token', 'identity', 'echoCancellation'];

/** Checks a decoded JSON value against the client message types. */
export function validateClientMessage(value: unknown): ParseResult {
  if (!isRecord(value)) return fail('bad-message', 'a message must be a JSON object');
  const type = value['type'];
  if (typeof type !== 'string') return fail('bad-message', 'a message needs a string "type"');
  const about = type.slice(0, 40);
  switch (type) {
    case 'session.start':
      return checkKeys(value, START_KEYS, about, () => {
        const { agent, sampleRate, token, identity, echoCancellation } = value;
        if (!isShortString(agent, MAX_ID_CHARS))
          return fail('bad-message', '"agent" must be a non-empty string (an agent id)', about);
        if (typeof sampleRate !== 'number' || !Number.isInteger(sampleRate) || sampleRate <= 0)
          return fail('bad-message', '"sampleRate" must be a positive integer (Hz)', about);
        if (token !== undefined && !isShortString(token, 1_000))
          return fail('bad-message', '"token" must be a non-empty string when present', about);
        if (identity !== undefined && !isShortString(identity, MAX_IDENTITY_CHARS))
          return fail(
            'bad-message',
            `"identity" must be a non-empty string of at most ${MAX_IDENTITY_CHARS} characters`,
            about,
          );
        if (echoCancellation !== undefined && typeof echoCancellation !== 'boolean')
          return fail(
            'bad-message',
            '"echoCancellation" must be true or false when present',
            about,
          );
        return ok({
          type,
          agent,
          sampleRate,
          ...(token === undefined ? {} : { token }),
          ...(identity === undefined ? {} : { identity }),
          ...(echoCancellation === undefined ? {} : { echoCancellation }),
        });
      });
    case 'text.input':
      return checkKeys(value, ['type', 'text'], about, () => {
        const { text } = value;
        if (typeof text !== 'string' || text.trim().length === 0)
          return fail('bad-message', '"text" must be a non-empty string', about);
        if (text.length > MAX_TEXT_INPUT_CHARS)
          return fail(
            'bad-message',
            `"text" is longer than ${MAX_TEXT_INPUT_CHARS} characters`,
            about,
          );
        return ok({ type, text });
      });
    case 'playback.position':
      return checkKeys(value, ['type', 'turnId', 'playedMs'], about, () => {
        const { turnId, playedMs } = value;
        if (typeof turnId !== 'number' || !Number.isSafeInteger(turnId) || turnId < 0)
          return fail('bad-message', '"turnId" must be a non-negative integer', about);
        if (typeof playedMs !== 'number' || !Number.isFinite(playedMs) || playedMs < 0)
          return fail('bad-message', '"playedMs" must be a non-negative number', about);
        if (playedMs > MAX_PLAYED_MS)
          return fail('bad-message', '"playedMs" is beyond any real turn length', about);
        return ok({ type, turnId, playedMs });
      });
    case 'ptt.down':
    case 'ptt.up':
      return checkKeys(value, ['type'], about, () => ok({ type }));
    default:
      return fail('unknown-type', `unknown message type "${about}"`, about);
  }
}

function ok(message: ClientMessage): ParseResult {
  return { ok: true, message };
}

function checkKeys(
  record: Record<string, unknown>,
  allowed: readonly string[],
  about: string,
  next: () => ParseResult,
): ParseResult {
  const extra = unexpectedKeys(record, allowed);
  if (extra.length > 0) {
    const names = extra.slice(0, 5).map((key) => `"${key.slice(0, 40)}"`);
    return fail('bad-message', `unexpected field(s) ${names.join(', ')} in "${about}"`, about);
  }
  return next();
}
