import type { DialogueScript, DialogueSlot } from '../../spec/dialogue.ts';
import { COMPONENTS, QUANTITIES } from './components.ts';

const component: DialogueSlot = {
  name: 'component',
  kind: 'enum',
  values: Object.keys(COMPONENTS),
  synonyms: Object.fromEntries(Object.entries(COMPONENTS).map(([id, c]) => [id, c.spoken])),
  required: true,
  prompt: 'Component?',
};

/** The offline script: terse, data first, safety alerts before anything else. */
export const TECHNICIAN_DIALOGUE: DialogueScript = {
  fallbackReply: 'Say again.',
  escalationReply: 'Not understood. Say a component and a reading, or type it.',
  repromptPrefix: 'Say again.',
  intents: [
    {
      name: 'reading',
      examples: [
        'pressure on the pump is',
        'the reading on the motor is',
        'vibration reads',
        'temperature is at',
        'current is',
        'discharge pressure is',
        'I am reading',
        'the gauge shows',
        'measured',
        'it is running at',
        'oil temperature reads',
        'the meter says',
      ],
      keywords: ['reading', 'reads', 'gauge', 'measured', 'meter'],
      // Safety: the value is read back exactly as understood and acted on only once confirmed.
      confirm: '{component} {quantity} {value}. Correct?',
      alwaysConfirm: true,
      slots: [
        component,
        {
          name: 'quantity',
          kind: 'enum',
          values: [...QUANTITIES],
          // A unit names its quantity ("one thirty degrees", "forty two amps", "seven bar").
          synonyms: {
            temperature: ['temp', 'degrees', 'celsius'],
            current: ['amps', 'amperage', 'amperes'],
            vibration: ['vibrations'],
            pressure: ['bar', 'psi'],
            voltage: ['volts'],
            speed: ['rpm'],
          },
          required: true,
          prompt: 'Which quantity?',
        },
        { name: 'value', kind: 'number', required: true, prompt: 'Value?' },
      ],
      tool: 'check_reading',
      toolArguments: { component_id: 'component' },
      reply: '{result.message}',
      errorReply: 'No range for {quantity} on {component}. Check the manual.',
    },
    {
      name: 'manual',
      examples: [
        'manual for',
        'look up the manual',
        'what are the ranges for',
        'limits for',
        'specs for',
        'how do I prime the pump',
        'what is the torque for',
        'how do I start up the',
        'shutdown procedure for',
        'troubleshooting steps for',
        'maintenance interval for',
        'safety steps for',
      ],
      keywords: [
        'manual',
        'procedure',
        'ranges',
        'limits',
        'specs',
        'torque',
        'maintenance',
        'instructions',
        'documentation',
      ],
      // Asked when the request was only partly understood (and the component was heard).
      confirm: 'Manual for {component}?',
      slots: [component, { name: 'topic', kind: 'text', markers: ['about', 'topic'] }],
      tool: 'query_technical_manuals',
      toolArguments: { component_id: 'component' },
      reply:
        '{result.component}. Ranges: {result.ranges_spoken}. {result.section}: {result.procedure}',
      errorReply: 'No manual for that component.',
    },
    {
      name: 'incident',
      examples: [
        'log an incident',
        'report an incident',
        'file a report',
        'log it',
        'incident report',
        'I need to report a problem',
        'write up an incident',
        'record a fault',
      ],
      keywords: ['incident', 'report', 'log'],
      confirm: 'Log an incident?',
      slots: [
        {
          name: 'severity',
          kind: 'enum',
          values: ['low', 'medium', 'high', 'critical'],
          synonyms: { critical: ['urgent', 'emergency'], low: ['minor'] },
          required: true,
          prompt: 'Severity? Low, medium, high or critical.',
        },
        {
          name: 'description',
          kind: 'text',
          markers: ['description', 'that', 'because'],
          required: true,
          prompt: 'Description?',
        },
      ],
      tool: 'log_incident_report',
      reply: 'Logged: {result.incident_id}, {result.severity}.',
      errorReply: 'Not logged: {error}',
    },
  ],
};
