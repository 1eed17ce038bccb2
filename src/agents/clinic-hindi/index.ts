import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeAgent } from '../../agent-files/compose.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import { AppointmentBook } from './appointments.ts';
import { clinicTools } from './tools.ts';

/**
 * A Hindi-speaking clinic receptionist, from this folder's files (prompt.md, tools.ts) — the
 * agent `loadAgentFromFiles` loads — over the appointment book given (for tests).
 */
export function createClinicHindiAgent(book = new AppointmentBook()): AgentDefinition {
  return composeAgent(
    import.meta.dirname,
    readFileSync(join(import.meta.dirname, 'prompt.md'), 'utf8'),
    { tools: clinicTools(book) },
  );
}
