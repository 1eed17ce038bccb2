/**
 * A worker that speaks the embedding thread's protocol without TensorFlow.js: it answers
 * each text with a one-element vector holding its length, and dies (an uncaught error, as a
 * crashing native backend would end the thread) on the text `crash`.
 */
import { parentPort, threadId } from 'node:worker_threads';
import type { EmbedReply, EmbedRequest } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('runs only as a worker thread');

port.on('message', (request: EmbedRequest) => {
  if (request.texts.includes('crash')) throw new Error(`thread ${threadId} crashed on purpose`);
  const reply: EmbedReply = {
    id: request.id,
    vectors: request.texts.map((text) => Float32Array.of(text.length, threadId)),
  };
  port.postMessage(reply);
});
