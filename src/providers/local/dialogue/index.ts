export { createDialogueEngine, splitWords, type DialogueEngineOptions } from './engine.ts';
export { decide, type Decision, type ReplyKind } from './decide.ts';
export { toolArguments } from './tool-turn.ts';
export { PASSAGES_HEADER, answerFromPassages, parsePassages } from './passages.ts';
export { fillTemplate } from './template.ts';
export { extractSlots, type SlotValue, type SlotValues } from './slots.ts';
export { buildIntentIndex, matchIntent, rankIntents } from './intent-matcher.ts';
