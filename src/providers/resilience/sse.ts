/** One Server-Sent Event: `event` is `message` unless the server named it. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Parses a byte stream as Server-Sent Events (the WHATWG event-stream format):
 * `field: value` lines, events separated by a blank line, `:` comments ignored,
 * CR, LF or CRLF line ends.
 */
export async function* parseSse(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];
  const takeEvent = (): SseEvent | undefined => {
    const event =
      dataLines.length > 0
        ? { event: eventName || 'message', data: dataLines.join('\n') }
        : undefined;
    eventName = '';
    dataLines = [];
    return event;
  };
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      // A lone CR at the end may be the first half of CRLF: wait for more.
      if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === '') {
        const event = takeEvent();
        if (event) yield event;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') eventName = value;
      else if (field === 'data') dataLines.push(value);
    }
  }
  buffer += decoder.decode();
  if (buffer !== '' && !buffer.startsWith(':') && buffer.startsWith('data:')) {
    dataLines.push(buffer.slice(5).trimStart());
  }
  const last = takeEvent();
  if (last) yield last;
}
