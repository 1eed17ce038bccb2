import { defineTools } from '../../agent-files/setup.ts';
import type { ToolDefinition } from '../../spec/tool.ts';
import { checkOrderGrammar } from './grammar-check.ts';
import { nextHint } from './hints.ts';
import { MENU } from './menu.ts';
import { CafeSessions } from './session-state.ts';

/**
 * A suggested waiter line: surprise and the right form when a mistake changes
 * the order, otherwise the order served with no correction at all.
 */
function waiterLine(check: ReturnType<typeof checkOrderGrammar>): string {
  const mistake = check.mistakes.find((m) => m.changesMeaning);
  if (mistake) return `¿${capitalise(mistake.wrong)}? Se dice «${mistake.right}».`;
  if (check.items.length === 0) return '¿Y eso qué es? No está en la carta.';
  return `Marchando: ${spokenList(check.items.map(servedAs))}.`;
}

function servedAs(item: { name: string; quantity: number }): string {
  const menuItem = MENU.find((entry) => entry.name === item.name);
  if (item.quantity > 1)
    return `${item.quantity === 2 ? 'dos' : item.quantity} ${menuItem?.plural ?? item.name}`;
  const masculine = menuItem?.gender === 'm' || menuItem?.stressedA === true;
  return `${masculine ? 'un' : 'una'} ${item.name}`;
}

function spokenList(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} y ${parts.at(-1) ?? ''}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function cafeTools(sessions = new CafeSessions()) {
  const grammarCheck: ToolDefinition<{ user_input: string }> = {
    name: 'grammar_check',
    description:
      "Checks the learner's order for common mistakes (article gender, plural after numbers, the form of 'querer', ser/estar instead of 'quiero'). Says whether a mistake changes the meaning of the order, and records what was ordered.",
    parameters: {
      type: 'object',
      properties: {
        user_input: {
          type: 'string',
          minLength: 1,
          maxLength: 500,
          description: "The learner's words, exactly as said.",
        },
      },
      // The offline script also passes the verb, article and item it picked out; they are ignored.
      required: ['user_input'],
    },
    timeoutMs: 2000,
    execute({ user_input }, context) {
      const check = checkOrderGrammar(user_input);
      const state = sessions.get(context.sessionId);
      if (!check.meaningChanged) state.items.push(...check.items.map((item) => item.name));
      return Promise.resolve({
        ...check,
        say: waiterLine(check),
      });
    },
  };

  const hintGenerator: ToolDefinition<Record<string, never>> = {
    name: 'hint_generator',
    description:
      'Gives the learner the next useful phrase for this conversation (what to order next, how to ask for the bill).',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    timeoutMs: 2000,
    execute(_args, context) {
      const state = sessions.get(context.sessionId);
      const hint = nextHint(state);
      state.hints += 1;
      return Promise.resolve(hint);
    },
  };

  return [grammarCheck, hintGenerator];
}

/** The agent file's tools, with their own per-session memory for each load. */
export default defineTools(() => cafeTools());
