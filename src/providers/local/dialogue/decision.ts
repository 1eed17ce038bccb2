import type { DialogueIntent, DialogueScript } from '../../../spec/dialogue.ts';
import type { IntentIndex } from './intent-matcher.ts';
import type { SlotValues } from './slots.ts';

export type ReplyKind =
  'reply' | 'prompt' | 'reprompt' | 'retrieval' | 'fallback' | 'escalation' | 'confirm';

/** What a `confirm` question reads back: acted on when the user says yes. */
export interface Pending {
  readonly intent: DialogueIntent;
  readonly values: SlotValues;
  /** The user's words the read-back was made from. */
  readonly said?: string;
}

/** What the engine does this turn: say something, or call a tool. */
export type Decision =
  | {
      readonly type: 'say';
      readonly kind: ReplyKind;
      readonly text: string;
      readonly confirming?: Pending;
      /** The intent a reply, prompt or read-back belongs to (for evaluation and logs). */
      readonly intent?: DialogueIntent;
      /** The slot values so far, with `intent`. */
      readonly values?: SlotValues;
    }
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
