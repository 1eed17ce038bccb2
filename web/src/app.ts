import type { ServerMessage } from '../../src/transport/messages.ts';
import { startAgentPage } from './agent-page.ts';
import type { PlaybackReport } from './worklets/playback-messages.ts';

/**
 * The generic conversation page: the shared page wiring, plus tool notices, the
 * "heard" latency column and the space bar as push-to-talk.
 */
const root = document.getElementById('parley') ?? document.body;
/**
 * `heardMs` = the server's `firstAudioMs` (user stopped → first frame sent) plus
 * this client's delay from the turn's `agent.audio.start` to its first sample playing.
 */
const audioStartAtMs = new Map<number, number>();
const playoutDelayMs = new Map<number, number>();
const firstAudioMs = new Map<number, number>();
let pushToTalk = false;

const page = startAgentPage(root, { onMessage, onPlayback });

function onMessage(message: ServerMessage): void {
  if (message.type === 'session.ready') pushToTalk = message.agent.inputMode === 'push-to-talk';
  else if (message.type === 'user.speech-start') page.view.interim('…');
  else if (message.type === 'agent.audio.start')
    audioStartAtMs.set(message.turnId, performance.now());
  else if (message.type === 'tool.call') page.view.notice(`Using ${message.name}…`);
  else if (message.type === 'tool.progress')
    page.view.notice(`${message.label ?? message.name}: ${Math.round(message.fraction * 100)}%`);
  else if (message.type === 'metrics.turn') {
    if (message.metrics.firstAudioMs !== undefined)
      firstAudioMs.set(message.metrics.turnId, message.metrics.firstAudioMs);
    showHeardMs(message.metrics.turnId);
  }
}

function onPlayback(report: PlaybackReport): void {
  if (report.type !== 'started') return;
  const waitedMs = performance.now() - (audioStartAtMs.get(report.turnId) ?? performance.now());
  playoutDelayMs.set(report.turnId, waitedMs + page.outputLatencyMs);
  showHeardMs(report.turnId);
}

function showHeardMs(turnId: number): void {
  const sentMs = firstAudioMs.get(turnId);
  const delayMs = playoutDelayMs.get(turnId);
  if (sentMs !== undefined && delayMs !== undefined)
    page.view.metrics(turnId, { heardMs: sentMs + delayMs });
}

/** Space bar works like the push-to-talk button (outside the text box). */
for (const [eventName, press] of [
  ['keydown', true],
  ['keyup', false],
] as const) {
  addEventListener(eventName, (event) => {
    if (event.code !== 'Space' || event.target instanceof HTMLInputElement || !pushToTalk) return;
    event.preventDefault();
    if (press) page.pttDown();
    else page.pttUp();
  });
}
