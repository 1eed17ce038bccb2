import { agentUiRecord, element, startAgentPage } from '../shared/agent-page.ts';
import { translate } from './glossary.ts';

/**
 * Café role-play, all in Spanish: a confidence meter whose rule is written
 * under it, what the waiter understood with "that's not what I said" to
 * correct a misrecognition, subtitles whose words stay blurred until the audio
 * reaches them (the server's word timings), and an optional English
 * translation of each reply, shown only once it has been heard.
 */
interface SubtitleWord {
  readonly span: HTMLSpanElement;
  readonly word: string;
  readonly startMs: number;
  shown: boolean;
}
interface CafeUiRecord {
  confidence: number;
  wordsByTurn: Record<number, number>;
  unblurred: { turnId: number; word: string; startMs: number; playedMs: number; atMs: number }[];
  corrections: number;
}
const record = agentUiRecord<CafeUiRecord>({
  confidence: 50,
  wordsByTurn: {},
  unblurred: [],
  corrections: 0,
});
const subtitles = element('section', {
  id: 'subtitles',
  'aria-hidden': 'true', // the transcript announces each sentence once heard
});
const meterFill = element('div', { class: 'fill' });
const meter = element('div', {
  id: 'confidence',
  role: 'meter',
  'aria-valuemin': '0',
  'aria-valuemax': '100',
  'aria-valuenow': '50',
  'aria-labelledby': 'meter-label',
});
meter.append(meterFill);
const meterLabel = element('p', { id: 'meter-label', class: 'meter-label' }, 'Confianza: 50');
const rule = element(
  'p',
  { id: 'confidence-rule', class: 'rule' },
  'Sube 10 cuando el camarero entiende y acepta su pedido; baja 5 si pide una pista; baja 10 si le dice «¿Cómo?». Compruebe abajo lo que entendió: si no es lo que dijo, corríjalo y no cuenta.',
);
const understood = element('p', { id: 'understood', class: 'understood' });
const notWhatISaid = element('button', { id: 'not-what-i-said', type: 'button', hidden: '' });
notWhatISaid.textContent = 'Eso no es lo que dije';
const translationToggle = element('input', { id: 'show-translation', type: 'checkbox' });
const translationLabel = element('label', { for: 'show-translation' });
translationLabel.append(translationToggle, ' Mostrar traducción al inglés (glosario sin conexión)');
const understoodRow = element('div', { class: 'understood-row' });
understoodRow.append(understood, notWhatISaid);
const panel = element('section', { class: 'cafe-panel', 'aria-label': 'Café Paco' });
panel.append(
  element('h2', {}, '☕ Café Paco'),
  meterLabel,
  meter,
  rule,
  understoodRow,
  translationLabel,
  subtitles,
);

const turns = new Map<number, SubtitleWord[]>();
/** The confidence change caused by the latest user turn (undone by a correction). */
let lastTurnChange = 0;
let lastHeard = '';

function setConfidence(change: number): void {
  const before = record.confidence;
  record.confidence = Math.max(0, Math.min(100, record.confidence + change));
  lastTurnChange += record.confidence - before;
  meter.setAttribute('aria-valuenow', String(record.confidence));
  meterFill.style.width = `${record.confidence}%`;
  meterLabel.textContent = `Confianza: ${record.confidence}`;
}

function reveal(turnId: number, playedMs: number): void {
  for (const word of turns.get(turnId) ?? []) {
    if (word.shown || word.startMs > playedMs) continue;
    word.shown = true;
    word.span.classList.remove('blurred');
    record.unblurred.push({
      turnId,
      word: word.word,
      startMs: word.startMs,
      playedMs,
      atMs: performance.now(),
    });
  }
}

function showTranslation(turnId: number): void {
  const line = page.transcript.existingReply(page.turnKey(turnId));
  if (!line?.text || line.item.querySelector('.translation')) return;
  const { text, kind } = translate(line.text);
  if (kind === 'none') return;
  const note = kind === 'words' ? ' (palabra por palabra)' : '';
  const translation = element('p', { class: 'translation', lang: 'en' }, `${text}${note}`);
  line.item.insertBefore(translation, line.item.querySelector('.latency'));
}

const root = document.getElementById('parley') ?? document.body;
const page = startAgentPage(root, {
  onMessage(message) {
    if (message.type === 'transcript.final') {
      lastHeard = message.text;
      lastTurnChange = 0;
      understood.textContent = `El camarero entendió: «${message.text}»`;
      notWhatISaid.hidden = false;
    } else if (message.type === 'agent.word') {
      let words = turns.get(message.turnId);
      if (!words) {
        words = [];
        turns.set(message.turnId, words);
        subtitles.replaceChildren();
      }
      const span = element(
        'span',
        { class: 'word blurred', 'data-start-ms': String(message.startMs) },
        message.word,
      );
      subtitles.append(span, ' ');
      words.push({ span, word: message.word, startMs: message.startMs, shown: false });
      record.wordsByTurn[message.turnId] = words.length;
    } else if (message.type === 'tool.call') {
      setConfidence(message.name === 'hint_generator' ? -5 : 10);
    } else if (message.type === 'agent.text' && message.text.startsWith('¿Cómo?')) {
      setConfidence(-10);
    } else if (message.type === 'interrupt') {
      showTranslation(message.turnId);
    }
  },
  onPlayback(report) {
    if (report.type === 'position') reveal(report.turnId, report.playedMs);
    if (report.type === 'ended') {
      reveal(report.turnId, Number.POSITIVE_INFINITY);
      queueMicrotask(() => showTranslation(report.turnId));
    }
  },
});

/** A misrecognition: undo what it did to the meter, and let the user send what they said. */
notWhatISaid.addEventListener('click', () => {
  setConfidence(-lastTurnChange);
  lastTurnChange = 0;
  record.corrections += 1;
  notWhatISaid.hidden = true;
  understood.textContent = 'Escriba lo que dijo y pulse Enviar: el camarero lo leerá.';
  page.composer.input.value = lastHeard;
  page.composer.input.focus();
  page.composer.input.select();
});
translationToggle.addEventListener('change', () => {
  document.body.classList.toggle('show-translation', translationToggle.checked);
});
page.panels.append(panel);
