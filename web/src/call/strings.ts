import type { CallPhase, CallReason } from './call-state.ts';

/** Every word the shared page shows, in the page's language (English, or Spanish for `lang="es"`). */
export interface Strings {
  readonly phase: Record<CallPhase, string>;
  readonly start: string;
  readonly callAgain: string;
  readonly retry: string;
  readonly mute: string;
  readonly unmute: string;
  readonly muted: string;
  readonly endCall: string;
  readonly holdToTalk: string;
  readonly backToAgents: string;
  readonly message: string;
  readonly send: string;
  readonly transcript: string;
  readonly you: string;
  readonly agent: string;
  readonly micLevel: string;
  readonly agentLevel: string;
  readonly details: string;
  readonly interruptedTag: string;
  readonly queued: string;
  readonly newSession: string;
  readonly noAgent: string;
  readonly noMic: (detail: string) => string;
  readonly reason: (reason: CallReason, agentId: string) => string;
  readonly reconnectIn: (seconds: number, attempt: number, of: number) => string;
  readonly answeredIn: (seconds: string) => string;
  readonly stoppedIn: (seconds: string) => string;
  readonly pressTooShort: string;
  readonly pressSilent: string;
  readonly pressNotCaught: string;
  readonly pttHint: string;
  readonly latencyLabels: Record<string, string>;
}

const seconds = (ms: number, lang: string) =>
  (ms / 1000).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatSeconds(ms: number, lang: 'en' | 'es'): string {
  return seconds(Math.max(0, ms), lang === 'es' ? 'es-ES' : 'en-US');
}

const EN: Strings = {
  phase: {
    idle: 'Ready to call',
    connecting: 'Connecting…',
    listening: 'Listening',
    'user-speaking': 'You’re speaking',
    thinking: 'Thinking…',
    'agent-speaking': 'Agent speaking',
    paused: 'Paused: go on if you meant to interrupt',
    interrupted: 'Interrupted: go ahead',
    reconnecting: 'Reconnecting…',
    ended: 'Call ended',
    failed: 'Call failed',
  },
  start: 'Start call',
  callAgain: 'Call again',
  retry: 'Try again',
  mute: 'Mute',
  unmute: 'Unmute',
  muted: 'Muted: the agent cannot hear you',
  endCall: 'End call',
  holdToTalk: 'Hold to talk',
  backToAgents: 'Back to the agents',
  message: 'Message',
  send: 'Send',
  transcript: 'Transcript',
  you: 'You',
  agent: 'Agent',
  micLevel: 'Your microphone level',
  agentLevel: 'Agent voice level',
  details: 'Details',
  interruptedTag: 'interrupted',
  queued: 'Will be sent when the call connects',
  newSession: 'Reconnected: a new session starts here',
  noAgent: 'No agent was chosen. Pick one from the list of agents.',
  noMic: (detail) => `No microphone (${detail}). You can still type.`,
  reason(reason, agentId) {
    switch (reason.kind) {
      case 'unreachable':
        return 'Can’t reach the Parley server. Check that it is running and that you are online.';
      case 'dropped':
        return 'The call dropped: the connection to the server was lost.';
      case 'unknown-agent':
        return `There is no agent called “${agentId}” on this server.`;
      case 'unauthorized':
        return 'This server needs an access token: open the link the server printed.';
      case 'server-refused':
        return `The server could not start the call: ${reason.message}`;
      case 'expired':
        return 'The call reached its time limit.';
      case 'hung-up':
        return 'You ended the call.';
    }
  },
  reconnectIn: (s, attempt, of) => `Trying again in ${s} s (attempt ${attempt} of ${of})`,
  answeredIn: (s) => `answered in ${s} s`,
  stoppedIn: (s) => `stopped ${s} s after you spoke`,
  pressTooShort: 'That press was too short: hold the button while you speak.',
  pressSilent: 'Nothing was heard while you held the button. Is your microphone on?',
  pressNotCaught: 'The agent did not catch any words. Hold the button and speak a little louder.',
  pttHint: 'Hold the button (or the space bar) while you speak.',
  latencyLabels: {
    heardMs: 'you stopped → you heard the reply',
    firstAudioMs: 'you stopped → first audio sent',
    endpointingMs: 'end-of-turn detection',
    sttFinalMs: 'final transcript',
    retrievalMs: 'knowledge lookup',
    llmFirstTokenMs: 'model first word',
    ttsFirstAudioMs: 'speech synthesis first audio',
    interruptMs: 'you spoke → agent stopped',
  },
};

const ES: Strings = {
  phase: {
    idle: 'Listo para llamar',
    connecting: 'Conectando…',
    listening: 'Escuchando',
    'user-speaking': 'Está hablando usted',
    thinking: 'Pensando…',
    'agent-speaking': 'Habla el agente',
    paused: 'En pausa: siga si quería interrumpir',
    interrupted: 'Interrumpido: adelante',
    reconnecting: 'Reconectando…',
    ended: 'Llamada terminada',
    failed: 'La llamada falló',
  },
  start: 'Empezar',
  callAgain: 'Llamar otra vez',
  retry: 'Reintentar',
  mute: 'Silenciar',
  unmute: 'Activar micrófono',
  muted: 'Micrófono silenciado: no le oyen',
  endCall: 'Colgar',
  holdToTalk: 'Mantenga para hablar',
  backToAgents: 'Volver a los agentes',
  message: 'Mensaje',
  send: 'Enviar',
  transcript: 'Conversación',
  you: 'Usted',
  agent: 'Agente',
  micLevel: 'Nivel de su micrófono',
  agentLevel: 'Nivel de la voz del agente',
  details: 'Detalles',
  interruptedTag: 'interrumpido',
  queued: 'Se enviará al conectar',
  newSession: 'Reconectado: aquí empieza una sesión nueva',
  noAgent: 'No se eligió ningún agente. Elija uno de la lista.',
  noMic: (detail) => `Sin micrófono (${detail}). Puede escribir.`,
  reason(reason, agentId) {
    switch (reason.kind) {
      case 'unreachable':
        return 'No se puede contactar con el servidor. Compruebe que está en marcha.';
      case 'dropped':
        return 'La llamada se cortó: se perdió la conexión con el servidor.';
      case 'unknown-agent':
        return `No hay ningún agente «${agentId}» en este servidor.`;
      case 'unauthorized':
        return 'El servidor pide un código de acceso: abra el enlace que imprimió.';
      case 'server-refused':
        return `El servidor no pudo empezar la llamada: ${reason.message}`;
      case 'expired':
        return 'La llamada llegó a su tiempo máximo.';
      case 'hung-up':
        return 'Usted colgó.';
    }
  },
  reconnectIn: (s, attempt, of) => `Reintento en ${s} s (intento ${attempt} de ${of})`,
  answeredIn: (s) => `respondió en ${s} s`,
  stoppedIn: (s) => `se calló ${s} s después de que usted hablara`,
  pressTooShort: 'Pulsación demasiado corta: mantenga el botón mientras habla.',
  pressSilent: 'No se oyó nada mientras mantenía el botón. ¿Está encendido el micrófono?',
  pressNotCaught: 'No se entendió ninguna palabra. Mantenga el botón y hable un poco más alto.',
  pttHint: 'Mantenga el botón (o la barra espaciadora) mientras habla.',
  latencyLabels: {
    heardMs: 'usted terminó → oyó la respuesta',
    firstAudioMs: 'usted terminó → primer audio enviado',
    endpointingMs: 'detección de fin de turno',
    sttFinalMs: 'transcripción final',
    retrievalMs: 'búsqueda de conocimiento',
    llmFirstTokenMs: 'primera palabra del modelo',
    ttsFirstAudioMs: 'primer audio de la síntesis',
    interruptMs: 'usted habló → el agente se calló',
  },
};

/** The page's language from `<html lang>`: Spanish pages get Spanish controls. */
export function pageLanguage(lang: string): 'en' | 'es' {
  return lang.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function stringsFor(language: 'en' | 'es'): Strings {
  return language === 'es' ? ES : EN;
}
