import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  firstHeader as header,
  readBody,
  RequestBodyError,
  sendXml,
} from '../transport/telephony/http-body.ts';
import { publicOrigin } from '../transport/telephony/public-url.ts';
import { refusedTelnyxSignature } from '../transport/telnyx/signature.ts';
import {
  TELNYX_MEDIA_PATH,
  TELNYX_VOICE_PATH,
  type TelnyxOptions,
} from '../transport/telnyx/webhook.ts';
import { isValidTwilioSignature } from '../transport/twilio/signature.ts';
import { connectStreamTwiml, sayAndHangupTwiml, xml } from '../transport/twilio/twiml.ts';
import {
  TWILIO_MEDIA_PATH,
  TWILIO_VOICE_PATH,
  type TwilioOptions,
} from '../transport/twilio/webhook.ts';
import { NoWorkerError } from './errors.ts';
import type { PhoneDispatch } from './front-door.ts';
import type { PhoneCallClaims } from './token.ts';

export interface PhoneDoorOptions {
  /** The front door's `dispatchPhone`: least-loaded healthy worker, signed single-use ticket. */
  readonly dispatchPhone: (call: PhoneCallClaims, signal?: AbortSignal) => Promise<PhoneDispatch>;
  /** Agents the workers serve; a webhook naming another is answered with a spoken refusal. */
  readonly agentIds: readonly string[];
  /** Default: the first of `agentIds`. */
  readonly defaultAgentId?: string;
  readonly twilio?: TwilioOptions;
  readonly telnyx?: TelnyxOptions;
  readonly onProblem?: (message: string, error: unknown) => void;
}

const NOT_CONNECTED = 'Sorry, this number is not connected to an agent.';
const ALL_BUSY = 'Sorry, all our lines are busy. Please call again in a few minutes.';

/**
 * The cluster front door's phone webhooks. Twilio (`POST /twilio/voice`) and Telnyx
 * (`POST /telnyx/voice`) ask it how to answer a call; it checks the carrier's signature as a
 * single process would, picks the least-loaded healthy worker and answers with TwiML/TeXML
 * whose `<Stream url>` is that worker's media path. The ticket rides where each carrier lets it:
 * Twilio drops query strings from a Stream url, so there it is a `<Parameter name="dispatch">`
 * (delivered in the stream's `start` message); Telnyx keeps the query, so `?dispatch=`.
 * https://www.twilio.com/docs/voice/twiml/stream#custom-parameters
 */
export function createPhoneDoor(options: PhoneDoorOptions) {
  const agents = new Set(options.agentIds);
  const defaultAgentId = options.defaultAgentId ?? options.agentIds[0] ?? '';
  const problem =
    options.onProblem ??
    ((message, error) => console.error(`parley front door: ${message}`, error));

  /** The dispatched call's answer, or a spoken refusal when no worker can take it. */
  async function answer(
    call: PhoneCallClaims,
    document: (dispatch: PhoneDispatch) => string,
  ): Promise<string> {
    try {
      return document(await options.dispatchPhone(call));
    } catch (error) {
      if (!(error instanceof NoWorkerError)) throw error;
      problem(`phone call for ${call.agentId} refused: no worker`, error);
      return sayAndHangupTwiml(ALL_BUSY);
    }
  }

  async function twilio(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readWebhook(request, response);
    if (body === undefined) return;
    const type = header(request, 'content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      // Twilio posts its webhooks form-encoded, always; anything else is not Twilio.
      response.writeHead(415, { 'content-type': 'text/plain' }).end('expected a form body');
      return;
    }
    const form = [...new URLSearchParams(body).entries()];
    const settings = options.twilio ?? {};
    const signed = settings.authToken !== undefined;
    if (settings.authToken !== undefined) {
      const url = publicOrigin(request, settings.publicUrl) + (request.url ?? TWILIO_VOICE_PATH);
      const given = header(request, 'x-twilio-signature');
      if (!isValidTwilioSignature(settings.authToken, url, form, given)) {
        response.writeHead(403, { 'content-type': 'text/plain' }).end('invalid X-Twilio-Signature');
        return;
      }
    }
    const fields = new Map(form);
    const agentId = requestedAgent(request);
    const callSid = fields.get('CallSid');
    if (!agents.has(agentId) || callSid === undefined) {
      problem(`twilio webhook refused: ${callSid ? `no agent "${agentId}"` : 'no CallSid'}`, null);
      return sendXml(response, sayAndHangupTwiml(NOT_CONNECTED));
    }
    const call = claims(agentId, signed, fields.get('From'), callSid);
    sendXml(
      response,
      await answer(call, (dispatch) =>
        connectStreamTwiml(mediaUrl(dispatch.workerUrl, TWILIO_MEDIA_PATH), {
          agent: agentId,
          dispatch: dispatch.token,
        }),
      ),
    );
  }

  async function telnyx(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readWebhook(request, response);
    if (body === undefined) return;
    const settings = options.telnyx ?? {};
    const signed = settings.publicKey !== undefined;
    if (refusedTelnyxSignature(settings.publicKey, body, request, response)) return;
    const agentId = requestedAgent(request);
    if (!agents.has(agentId)) {
      problem(`telnyx webhook refused: no agent "${agentId}"`, null);
      return sendXml(response, sayAndHangupTwiml(NOT_CONNECTED));
    }
    const from = webhookField(body, header(request, 'content-type') ?? '', 'From');
    const codec = settings.codec ?? 'PCMU';
    const call = claims(agentId, signed, from, undefined);
    sendXml(
      response,
      await answer(call, (dispatch) => {
        const url = new URL(mediaUrl(dispatch.workerUrl, TELNYX_MEDIA_PATH));
        url.searchParams.set('dispatch', dispatch.token);
        return (
          '<?xml version="1.0" encoding="UTF-8"?><Response><Connect>' +
          `<Stream url="${xml(url.href)}" bidirectionalMode="rtp" bidirectionalCodec="${codec}" codec="${codec}"/>` +
          '</Connect></Response>'
        );
      }),
    );
  }

  function requestedAgent(request: IncomingMessage): string {
    const asked = new URL(request.url ?? '/', 'http://x').searchParams.get('agent');
    return (asked ?? defaultAgentId).slice(0, 60);
  }

  /** Handles the two webhook paths; false for any other request. */
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === TWILIO_VOICE_PATH) await twilio(request, response);
    else if (path === TELNYX_VOICE_PATH) await telnyx(request, response);
    else return false;
    return true;
  }

  return { handle };
}

/** The worker's media endpoint beside its `/ws` (kept under any path prefix of a proxy). */
export function mediaUrl(workerUrl: string, mediaPath: string): string {
  return new URL(mediaPath.replace(/^\//, ''), workerUrl).href;
}

function claims(
  agentId: string,
  signed: boolean,
  from: string | undefined,
  callId: string | undefined,
): PhoneCallClaims {
  return {
    agentId,
    ...(callId !== undefined && { callId }),
    ...(signed && from?.startsWith('+') === true && { phoneNumber: from }),
  };
}

/** The POST body, or undefined once the request was answered with its error. */
async function readWebhook(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<string | undefined> {
  if (request.method !== 'POST') {
    response.writeHead(405, { allow: 'POST' }).end();
    return undefined;
  }
  try {
    return await readBody(request);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    response.writeHead(error.statusCode, { 'content-type': 'text/plain' }).end(error.message);
    return undefined;
  }
}

/** A field of a webhook body, form-encoded or JSON (TeXML sends either). */
function webhookField(body: string, contentType: string, name: string): string | undefined {
  if (!contentType.startsWith('application/json')) {
    return new URLSearchParams(body).get(name) ?? undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return undefined; // the signature was checked; a body without the field has no caller number
  }
  const value = (parsed as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
}
