import type { AgentDefinition } from '../../spec/agent.ts';
import { AppointmentBook } from './appointments.ts';
import { CLINIC_GREETING, CLINIC_PROMPT } from './prompt.ts';
import { clinicTools } from './tools.ts';

/**
 * A Hindi-speaking clinic receptionist: the example of an Indian-language agent. It needs a
 * real language model and Sarvam speech (`PARLEY_STT=sarvam PARLEY_TTS=sarvam`); there is no
 * offline Hindi recogniser or dialogue script. Appointments live in memory.
 */
export function createClinicHindiAgent(book = new AppointmentBook()): AgentDefinition {
  return {
    id: 'clinic-hindi',
    name: 'आरोग्य क्लिनिक',
    description: 'Book a doctor’s appointment in Hindi (needs SARVAM_API_KEY and an LLM key).',
    language: 'hi-IN',
    systemPrompt: CLINIC_PROMPT,
    tools: clinicTools(book),
    ui: { page: 'agent.html', title: 'आरोग्य क्लिनिक — रिसेप्शन', accentColor: '#0f766e' },
    greeting: CLINIC_GREETING,
    inputMode: 'vad',
    // Hindi backchannels: haan, achha, theek hai, ji, hmm.
    interruption: { backchannels: ['हाँ', 'अच्छा', 'ठीक है', 'जी', 'हम्म'] },
  };
}
