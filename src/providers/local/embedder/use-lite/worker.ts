/**
 * The USE-lite embedding thread's entry point: loads the model once (TensorFlow.js runs only
 * on this thread) and answers one `EmbedRequest` at a time. Started by `EmbeddingThread`.
 */
import { parentPort } from 'node:worker_threads';
import { embedWithUseLite, loadUseLite } from './model.ts';
import type { EmbedReply, EmbedRequest } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('use-lite/worker runs only as a worker thread');

async function answer(request: EmbedRequest): Promise<EmbedReply> {
  try {
    const vectors = await embedWithUseLite(await loadUseLite(), request.texts);
    return { id: request.id, vectors };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, error: { name, message } };
  }
}

// Requests are handled in order: the client sends the next one after this one's answer.
port.on('message', (request: EmbedRequest) => {
  void answer(request).then((reply) =>
    port.postMessage(
      reply,
      'vectors' in reply ? reply.vectors.map((v) => v.buffer as ArrayBuffer) : [],
    ),
  );
});
