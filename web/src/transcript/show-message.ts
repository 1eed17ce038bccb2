import type { ServerMessage } from '../../../src/transport/messages.ts';
import type { TranscriptView } from './transcript-view.ts';

export interface ShowOptions {
  /** The transcript key of a turn of the current session. */
  readonly turnKey: (turnId: number) => string;
  /** A sentence that makes its reply a safety alert. */
  readonly isAlert?: (text: string) => boolean;
  readonly interruptedTag: string;
}

/** What a server message changes in the transcript (audio and call state are handled elsewhere). */
export function showMessage(
  transcript: TranscriptView,
  message: ServerMessage,
  options: ShowOptions,
): void {
  const { turnKey } = options;
  if (message.type === 'transcript.interim') transcript.interim(message.text);
  else if (message.type === 'transcript.final') transcript.userSaid(message.text);
  else if (message.type === 'agent.text') {
    const line = transcript.reply(turnKey(message.turnId));
    line.addSentence(message.text);
    if (options.isAlert?.(message.text)) line.makeAlert();
  } else if (message.type === 'agent.word')
    transcript.reply(turnKey(message.turnId)).addWordTiming(message.startMs, message.word);
  else if (message.type === 'filler') transcript.filler(message.text);
  else if (message.type === 'interrupt')
    transcript
      .existingReply(turnKey(message.turnId))
      ?.interrupted(message.heardText, options.interruptedTag);
}
