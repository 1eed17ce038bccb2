import { agentUiRecord, element, startAgentPage } from '../shared/agent-page.ts';

/**
 * Café role-play: a confidence meter, and subtitles whose words stay blurred
 * until the playback reaches them (the server's word timings).
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
}
const record = agentUiRecord<CafeUiRecord>({ confidence: 50, wordsByTurn: {}, unblurred: [] });
const subtitles = element('section', { id: 'subtitles', 'aria-live': 'off' });
const meterFill = element('div', { class: 'fill' });
const meter = element('div', {
  id: 'confidence',
  role: 'meter',
  'aria-valuemin': '0',
  'aria-valuemax': '100',
  'aria-valuenow': '50',
  'aria-label': 'Confianza',
});
meter.append(meterFill);
const meterLabel = element('p', { class: 'meter-label' }, 'Confianza: 50');
const panel = element('section', { class: 'cafe-panel' });
panel.append(element('h2', {}, '☕ Café Paco'), meter, meterLabel, subtitles);

const turns = new Map<number, SubtitleWord[]>();

function setConfidence(change: number): void {
  record.confidence = Math.max(0, Math.min(100, record.confidence + change));
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

const root = document.getElementById('parley') ?? document.body;
startAgentPage(root, {
  onMessage(message) {
    if (message.type === 'agent.word') {
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
    }
  },
  onPlayback(report) {
    if (report.type === 'position') reveal(report.turnId, report.playedMs);
    if (report.type === 'ended') reveal(report.turnId, Number.POSITIVE_INFINITY);
  },
});
root.prepend(panel);
