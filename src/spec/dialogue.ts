/**
 * The script for the offline dialogue engine (src/providers/local/dialogue):
 * intents with example phrases, slots, a tool to call and reply templates.
 * It is a scripted engine that implements the LLM interface; it is not a language model.
 * (Owned by the local-engines work; extend as needed.)
 */
export interface DialogueSlot {
  readonly name: string;
  /** `digits`: a number dictated digit by digit; `enum`: one of `values`; `text`: the rest of the utterance. */
  readonly kind: 'digits' | 'enum' | 'text';
  readonly values?: readonly string[];
  readonly minDigits?: number;
  readonly required?: boolean;
  /** Asked when a required slot is missing. */
  readonly prompt?: string;
}

export interface DialogueIntent {
  readonly name: string;
  readonly examples: readonly string[];
  readonly slots?: readonly DialogueSlot[];
  /** Tool to call once the slots are filled; arguments are the slot values by name unless mapped. */
  readonly tool?: string;
  readonly toolArguments?: Readonly<Record<string, string>>;
  /** Reply template; `{slot}` and `{result.path}` are filled in. */
  readonly reply: string;
  readonly errorReply?: string;
}

export interface DialogueScript {
  readonly intents: readonly DialogueIntent[];
  /** When no intent fits and retrieval finds nothing. */
  readonly fallbackReply: string;
  /** When the same turn fails twice: hand over to a human. */
  readonly escalationReply?: string;
  /** Answer from retrieved passages when no intent fits. */
  readonly useRetrieval?: boolean;
}
