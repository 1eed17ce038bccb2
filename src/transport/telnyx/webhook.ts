import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TelephonyContext } from '../telephony/context.ts';
import { readBody, RequestBodyError, sendXml } from '../telephony/http-body.ts';
import type { PendingCalls } from '../telephony/pending-calls.ts';
import { publicOrigin, socketOrigin } from '../telephony/public-url.ts';
import { sayAndHangupTwiml, xml } from '../twilio/twiml.ts';
import { refusedTelnyxSignature } from './signature.ts';

export interface TelnyxOptions {
  /** The account's Ed25519 public key (base64): when set, unsigned webhooks get 403. */
  readonly publicKey?: string;
  /** The public origin Telnyx calls (e.g. `https://parley.example.com`). */
  readonly publicUrl?: string;
  /** The codec Parley sends back. Default PCMU. */
  readonly codec?: 'PCMU' | 'PCMA';
}

export const TELNYX_VOICE_PATH = '/telnyx/voice';
export const TELNYX_MEDIA_PATH = '/telnyx/media';

/**
 * POST /telnyx/voice[?agent=id]: a TeXML application's voice webhook. Answers with TeXML that
 * connects the call to the agent over a bidirectional RTP media stream. The stream URL carries a
 * one-time call reference: Telnyx's stream `start` names the call by call_control_id, not CallSid.
 */
export async function handleTelnyxVoice(
  request: IncomingMessage,
  response: ServerResponse,
  context: TelephonyContext,
  options: TelnyxOptions,
  pending: PendingCalls,
): Promise<void> {
  if (request.method !== 'POST') {
    response.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  let body: string;
  try {
    body = await readBody(request);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    response.writeHead(error.statusCode, { 'content-type': 'text/plain' }).end(error.message);
    return;
  }
  const signed = options.publicKey !== undefined;
  if (refusedTelnyxSignature(options.publicKey, body, request, response)) return;
  let fields: Map<string, string>;
  try {
    fields = parseFields(body, request.headers['content-type'] ?? '');
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    response.writeHead(error.statusCode, { 'content-type': 'text/plain' }).end(error.message);
    return;
  }
  const url = new URL(request.url ?? '/', 'http://x');
  const agentId = url.searchParams.get('agent') ?? context.defaultAgentId;
  const agent = context.findAgent(agentId);
  if (!agent) {
    context.onProblem(`telnyx webhook refused: no agent "${agentId.slice(0, 60)}"`, undefined);
    sendXml(response, sayAndHangupTwiml('Sorry, this number is not connected to an agent.'));
    return;
  }
  const from = fields.get('From');
  const reference = randomBytes(16).toString('hex');
  pending.remember(reference, {
    agentId: agent.id,
    ...(signed && from?.startsWith('+') ? { verifiedPhoneNumber: from } : {}),
  });
  const streamUrl = `${socketOrigin(publicOrigin(request, options.publicUrl))}${TELNYX_MEDIA_PATH}?call=${reference}`;
  const codec = options.codec ?? 'PCMU';
  sendXml(
    response,
    '<?xml version="1.0" encoding="UTF-8"?><Response><Connect>' +
      `<Stream url="${xml(streamUrl)}" bidirectionalMode="rtp" bidirectionalCodec="${codec}" codec="${codec}"/>` +
      '</Connect></Response>',
  );
}

/** TeXML webhooks come form-encoded (like Twilio's) or as JSON. */
function parseFields(body: string, contentType: string): Map<string, string> {
  if (contentType.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null)
        return new Map(
          Object.entries(parsed).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        );
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new RequestBodyError('the webhook body is not JSON', 400, { cause: error });
    }
    throw new RequestBodyError('the webhook body is not a JSON object', 400);
  }
  return new Map(new URLSearchParams(body));
}
