/**
 * The TwiML that answers a call with a bidirectional media stream to Parley:
 * `<Connect><Stream url="wss://…/twilio/media">` with the agent as a `<Parameter>`.
 * https://www.twilio.com/docs/voice/twiml/stream
 */
export function connectStreamTwiml(
  streamUrl: string,
  parameters: Readonly<Record<string, string>>,
): string {
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${xml(name)}" value="${xml(value)}"/>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Response><Connect><Stream url="${xml(streamUrl)}">${params}</Stream></Connect></Response>`
  );
}

/** A spoken refusal, then hang up (for an unknown agent). */
export function sayAndHangupTwiml(text: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Say>${xml(text)}</Say><Hangup/></Response>`;
}

/** Escapes text for an XML attribute or element. */
export function xml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
