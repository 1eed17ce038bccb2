import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TelephonyContext } from '../telephony/context.ts';
import { readForm, RequestBodyError, sendXml } from '../telephony/http-body.ts';
import type { PendingCalls } from '../telephony/pending-calls.ts';
import { publicOrigin, socketOrigin } from '../telephony/public-url.ts';
import { isValidTwilioSignature } from './signature.ts';
import { connectStreamTwiml, sayAndHangupTwiml } from './twiml.ts';

export interface TwilioOptions {
  /** When set, every webhook must carry a valid X-Twilio-Signature (unsigned ones get 403). */
  readonly authToken?: string;
  /** The public origin Twilio calls (e.g. `https://parley.example.com`). */
  readonly publicUrl?: string;
}

export const TWILIO_VOICE_PATH = '/twilio/voice';
export const TWILIO_MEDIA_PATH = '/twilio/media';

/**
 * POST /twilio/voice[?agent=id]: Twilio's incoming-call webhook. Answers with TwiML that
 * connects the call to the agent over a bidirectional media stream.
 */
export async function handleTwilioVoice(
  request: IncomingMessage,
  response: ServerResponse,
  context: TelephonyContext,
  options: TwilioOptions,
  pending: PendingCalls,
): Promise<void> {
  if (request.method !== 'POST') {
    response.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  let form: [string, string][];
  try {
    form = await readForm(request);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    response.writeHead(error.statusCode, { 'content-type': 'text/plain' }).end(error.message);
    return;
  }
  const origin = publicOrigin(request, options.publicUrl);
  const authToken = options.authToken;
  const signed = authToken !== undefined;
  if (signed) {
    const url = origin + (request.url ?? TWILIO_VOICE_PATH);
    const given = request.headers['x-twilio-signature'];
    if (!isValidTwilioSignature(authToken, url, form, single(given))) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('invalid X-Twilio-Signature');
      return;
    }
  }
  const fields = new Map(form);
  const agentId =
    new URL(request.url ?? '/', 'http://x').searchParams.get('agent') ?? context.defaultAgentId;
  const callSid = fields.get('CallSid');
  const agent = context.findAgent(agentId);
  if (!agent || callSid === undefined) {
    const reason = agent ? 'the request has no CallSid' : `no agent "${agentId.slice(0, 60)}"`;
    context.onProblem(`twilio webhook refused: ${reason}`, undefined);
    sendXml(response, sayAndHangupTwiml('Sorry, this number is not connected to an agent.'));
    return;
  }
  const from = fields.get('From');
  pending.remember(callSid, {
    agentId: agent.id,
    ...(signed && from !== undefined && from.startsWith('+') ? { verifiedPhoneNumber: from } : {}),
  });
  const streamUrl = socketOrigin(origin) + TWILIO_MEDIA_PATH;
  sendXml(response, connectStreamTwiml(streamUrl, { agent: agent.id }));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
