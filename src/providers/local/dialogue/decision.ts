import type { DialogueIntent, DialogueScript } from '../../../spec/dialogue.ts';
import type { IntentIndex } from './intent-matcher.ts';

export type ReplyKind = 'reply' | 'prompt' | 'reprompt' | 'retrieval' | 'fallback' | 'escalation';

/** What the engine does this turn: say something, or call a tool. */
export type Decision =
  | { readonly type: 'say'; readonly kind: ReplyKind; readonly text: string }
  | {
      readonly type: 'call';
      readonly intent: DialogueIntent;
      readonly toolName: string;
      readonly args: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'nothing' };

export interface DecideContext {
  readonly script: DialogueScript;
  readonly index: IntentIndex;
  readonly language: string;
}
