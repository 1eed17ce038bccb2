/**
 * The script for the offline dialogue engine (src/providers/local/dialogue):
 * intents with example phrases, slots, a tool to call and reply templates.
 * It is a scripted engine that implements the LLM interface; it is not a language model.
 * Template syntax and matching rules: src/providers/local/dialogue/README.md.
 */

/**
 * `digits`: a number dictated digit by digit ("four five seven one" → "4571", kept as a string);
 * `number`: a spoken quantity ("seven point two" → 7.2);
 * `enum`: one of `values` (or a synonym of one);
 * `text`: the rest of the utterance.
 */
export type DialogueSlotKind = 'digits' | 'number' | 'enum' | 'text';

export interface DialogueSlot {
  readonly name: string;
  readonly kind: DialogueSlotKind;
  /** `enum`: the canonical values, e.g. `['low', 'medium', 'high', 'critical']` or `['PMP-200']`. */
  readonly values?: readonly string[];
  /** `enum`: other ways to say a value, by value: `{ 'PMP-200': ['pump two hundred'] }`. */
  readonly synonyms?: Readonly<Record<string, readonly string[]>>;
  /** `digits`: fewest / most digits accepted. */
  readonly minDigits?: number;
  readonly maxDigits?: number;
  /** `text`: words after which the rest of the first utterance is the value ("about", "sobre"). */
  readonly markers?: readonly string[];
  readonly required?: boolean;
  /** Asked when a required slot is missing; the user's next utterance fills this slot. */
  readonly prompt?: string;
}

export interface DialogueIntent {
  readonly name: string;
  readonly examples: readonly string[];
  /**
   * Words or short phrases that point at this intent on their own ("refund", "real person");
   * naming one adds to the intent's score, so a long or odd phrasing still lands.
   */
  readonly keywords?: readonly string[];
  /**
   * A question that reads the request back before acting, e.g.
   * "Did you mean a refund for order {order_id:digits}?". Asked when the match is unsure
   * (between `confirmThreshold` and `matchThreshold`), or every time with `alwaysConfirm`.
   * "Yes" then acts; "no" with a new value asks again with it; "no" alone asks for it again.
   */
  readonly confirm?: string;
  /** Confirm every time the slots are filled (safety values read back exactly as understood). */
  readonly alwaysConfirm?: boolean;
  readonly slots?: readonly DialogueSlot[];
  /** Tool to call once the slots are filled; arguments are the slot values by name unless mapped. */
  readonly tool?: string;
  /** Argument name → slot name (or a template such as `"{order_id}-{severity}"`). */
  readonly toolArguments?: Readonly<Record<string, string>>;
  /** Arguments with fixed values, added to every call of `tool`. */
  readonly toolConstants?: Readonly<Record<string, string | number | boolean>>;
  /** Reply template; `{slot}`, `{slot:digits}` and `{result.path}` are filled in. */
  readonly reply: string;
  /** Reply when the tool failed; `{error}` is the tool's error text. */
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
  /** Template for a retrieval answer with `{source}` and `{answer}`; a default per language. */
  readonly retrievalReply?: string;
  /** Said before a slot prompt is asked again ("Sorry, I didn't catch that."). */
  readonly repromptPrefix?: string;
  /** Lowest intent score (0–1) that counts as a match; 0.5 by default. */
  readonly matchThreshold?: number;
  /** Lowest score for which an intent with a `confirm` question is offered ("Did you mean…?"); 0.3 by default. */
  readonly confirmThreshold?: number;
}
