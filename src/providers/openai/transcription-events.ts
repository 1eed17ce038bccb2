import { ProtocolError } from '../../spec/errors.ts';
import type { SttPart } from '../../spec/stt.ts';
import { parseSse } from '../resilience/sse.ts';

/**
 * The parts of one transcription response. Streamed (`stream=true`, gpt-4o models):
 * SSE `transcript.text.delta` events grow an interim, `transcript.text.done` is the
 * final (https://platform.openai.com/docs/guides/speech-to-text#streaming-the-transcription-of-a-completed-audio-recording).
 * Otherwise one JSON body `{ text }`.
 */
export async function* transcriptionParts(
  chunks: AsyncIterable<Uint8Array>,
  streamed: boolean,
): AsyncGenerator<SttPart> {
  if (streamed) {
    let sofar = '';
    for await (const event of parseSse(chunks)) {
      let data: { type?: string; delta?: string; text?: string };
      try {
        data = JSON.parse(event.data) as typeof data;
      } catch (error) {
        throw new ProtocolError('openai: malformed transcription event', { cause: error });
      }
      if (data.type === 'transcript.text.delta' && data.delta) {
        sofar += data.delta;
        if (sofar.trim() !== '') yield { type: 'interim', text: sofar.trim() };
      } else if (data.type === 'transcript.text.done') {
        const text = (data.text ?? sofar).trim();
        if (text !== '') yield { type: 'final', text };
        return;
      }
    }
    throw new ProtocolError('openai: transcription stream ended without transcript.text.done');
  }
  let body = '';
  const decoder = new TextDecoder();
  for await (const bytes of chunks) body += decoder.decode(bytes, { stream: true });
  body += decoder.decode();
  let text: unknown;
  try {
    text = (JSON.parse(body) as { text?: unknown }).text;
  } catch (error) {
    throw new ProtocolError('openai: transcription response is not JSON', { cause: error });
  }
  if (typeof text !== 'string')
    throw new ProtocolError('openai: transcription has no text', { cause: body });
  if (text.trim() !== '') yield { type: 'final', text: text.trim() };
}
