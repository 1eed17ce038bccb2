import { ToolError } from '../../spec/errors.ts';
import type { ToolDefinition } from '../../spec/tool.ts';
import { createLexicalIndex } from '../../rag/index.ts';
import { join } from 'node:path';
import { defineTools } from '../../agent-files/setup.ts';
import { agentStorageFromEnv } from '../shared/database.ts';
import { IncidentStore, type Severity } from './incidents.ts';
import { loadManuals, quantityName, spokenRange, type Manual } from './manuals.ts';
import { checkReading, findRange } from './readings.ts';

const COMPONENT_ID = {
  type: 'string',
  minLength: 2,
  maxLength: 20,
  description: 'Component id as printed on the plate, e.g. "PMP-200".',
} as const;

function manualFor(manuals: ReadonlyMap<string, Manual>, toolName: string, componentId: string) {
  const manual = manuals.get(componentId.toUpperCase().replace(/\s+/g, '-'));
  if (!manual) {
    const known = [...manuals.keys()].join(', ');
    throw new ToolError(`No manual for ${componentId}. Manuals: ${known}.`, toolName);
  }
  return manual;
}

/** The manual's section most about `topic` (BM25 over that manual's sections), else Troubleshooting. */
function bestSection(manual: Manual, topic: string | undefined) {
  if (topic) {
    const index = createLexicalIndex();
    index.upsert(
      manual.sections.map((s, i) => ({ id: String(i), source: manual.source, text: s.text })),
    );
    const [hit] = index.search(topic, 1);
    const section = hit ? manual.sections[Number(hit.id)] : undefined;
    if (section) return section;
  }
  return manual.sections.find((s) => s.heading === 'Troubleshooting') ?? manual.sections[0];
}

/** The first two sentences of a section's body (its first line is the heading path). */
function brief(text: string): string {
  const body = text.split('\n').slice(1).join(' ').replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  const sentences = body.match(/[^.!?]+[.!?]+/g) ?? [body];
  return sentences.slice(0, 2).join(' ').trim();
}

export function technicianTools(manuals: ReadonlyMap<string, Manual>, incidents: IncidentStore) {
  const queryManuals: ToolDefinition<{ component_id: string; topic?: string }> = {
    name: 'query_technical_manuals',
    description:
      'Looks a component up in the bundled technical manuals. Returns the safe operating ranges first (structured), then the manual section most relevant to the topic (default: troubleshooting).',
    parameters: {
      type: 'object',
      properties: {
        component_id: COMPONENT_ID,
        topic: {
          type: 'string',
          maxLength: 200,
          description: 'What the technician is doing, e.g. "priming".',
        },
      },
      required: ['component_id'],
      additionalProperties: false,
    },
    execute({ component_id, topic }) {
      const manual = manualFor(manuals, 'query_technical_manuals', component_id);
      const ranges = manual.ranges.map(([key, range]) => ({
        quantity: quantityName(key),
        ...range,
      }));
      const section = bestSection(manual, topic);
      return Promise.resolve({
        component: manual.componentId,
        name: manual.name,
        ranges,
        ranges_spoken: ranges.map((r) => `${r.quantity} ${spokenRange(r)}`),
        section: section?.heading ?? '',
        procedure: brief(section?.text ?? ''),
        source: manual.source,
      });
    },
  };

  const checkReadingTool: ToolDefinition<{
    component_id: string;
    quantity: string;
    value: number;
  }> = {
    name: 'check_reading',
    description:
      "Compares a value the technician reports with the manual's safe range for that component and quantity. Returns status ALERT or OK and the message to say first.",
    parameters: {
      type: 'object',
      properties: {
        component_id: COMPONENT_ID,
        quantity: {
          type: 'string',
          minLength: 2,
          description: 'e.g. "discharge pressure", "vibration".',
        },
        value: { type: 'number' },
      },
      required: ['component_id', 'quantity', 'value'],
      additionalProperties: false,
    },
    execute({ component_id, quantity, value }) {
      const manual = manualFor(manuals, 'check_reading', component_id);
      const found = findRange(manual, quantity);
      if (!found) {
        const known = manual.ranges.map(([key]) => quantityName(key)).join(', ');
        throw new ToolError(
          `${manual.componentId} has no range for ${quantity}. Ranges: ${known}.`,
          'check_reading',
        );
      }
      return Promise.resolve(checkReading(manual, found.key, found.range, value));
    },
  };

  const logIncident: ToolDefinition<{ severity: Severity; description: string }> = {
    name: 'log_incident_report',
    description: 'Files an incident report. Persisted; returns the incident id.',
    parameters: {
      type: 'object',
      properties: {
        severity: { type: 'string', enum: ['low', 'medium', 'high', 'critical'] },
        description: { type: 'string', minLength: 3, maxLength: 2000 },
      },
      required: ['severity', 'description'],
      additionalProperties: false,
    },
    sideEffects: true,
    async execute({ severity, description }, context) {
      const row = await incidents.log(context.sessionId, severity, description);
      return {
        incident_id: row.incident_id,
        severity: row.severity,
        logged_at: row.created_at,
      };
    },
  };

  return [queryManuals, checkReadingTool, logIncident];
}

/**
 * The agent file's tools: the manuals in its knowledge/ folder, incidents in `technician.sqlite`
 * (or PostgreSQL when the environment names one: `agentStorageFromEnv`).
 */
export default defineTools(({ agentDir, dataDir }) =>
  technicianTools(
    loadManuals(join(agentDir, 'knowledge')),
    new IncidentStore(agentStorageFromEnv(process.env, dataDir)),
  ),
);
