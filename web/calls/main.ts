import type { CallListItem, CallSummary, TurnSummary } from '../../src/telemetry/calls/model.ts';
import { waterfallChart } from './waterfall.ts';
import { drawWaveform, stereoPeaks } from './waveform.ts';

const root = document.getElementById('calls')!;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const duration = (value: number) =>
  `${Math.floor(value / 60_000)}:${String(Math.round((value % 60_000) / 1000)).padStart(2, '0')}`;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function showList(): Promise<void> {
  const calls = await getJson<CallListItem[]>('/api/calls');
  const rows = calls.map((call) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `/calls?id=${encodeURIComponent(call.id)}` }, call.agentName)),
      h('td', {}, new Date(call.startedAtEpochMs).toLocaleString()),
      h('td', { class: 'num' }, duration(call.durationMs)),
      h('td', { class: 'num' }, String(call.turns)),
      h('td', { class: 'num' }, ms(call.medianFirstAudioMs)),
    ),
  );
  const head = h(
    'tr',
    {},
    ...['Agent', 'Time', 'Duration', 'Turns', 'Median first audio'].map((t) => h('th', {}, t)),
  );
  root.replaceChildren(
    h('h1', {}, 'Calls'),
    calls.length === 0
      ? h('p', {}, 'No calls yet.')
      : h('table', { id: 'call-list' }, h('thead', {}, head), h('tbody', {}, ...rows)),
  );
}

function turnSection(turn: TurnSummary): HTMLElement {
  const section = h('section', { class: 'turn', 'data-turn': String(turn.turnId) });
  section.append(
    h(
      'h2',
      {},
      `Turn ${turn.turnId}${turn.interrupted ? ' · interrupted' : ''} · first audio ${ms(turn.firstAudioMs)}`,
    ),
  );
  if (turn.userText) section.append(h('p', { class: 'user' }, `Caller: ${turn.userText}`));
  const reply = h('p', {}, 'Agent: ', h('span', { class: 'heard' }, turn.heardText));
  if (turn.unheardText)
    reply.append(
      ' ',
      h('span', { class: 'unheard', title: 'not heard: cut off by the caller' }, turn.unheardText),
    );
  section.append(reply);
  if (turn.tools.length > 0) {
    const rows = turn.tools.map((tool) =>
      h(
        'tr',
        {},
        h('td', {}, tool.name),
        h('td', {}, h('pre', {}, JSON.stringify(tool.arguments, null, 1))),
        h(
          'td',
          { class: tool.ok === false ? 'error' : 'ok' },
          h('pre', {}, JSON.stringify(tool.result, null, 1) ?? ''),
        ),
        h('td', { class: 'num' }, ms(tool.durationMs)),
      ),
    );
    section.append(
      h(
        'table',
        { class: 'tools' },
        h('tr', {}, ...['Tool', 'Arguments', 'Result', 'Time'].map((t) => h('th', {}, t))),
        ...rows,
      ),
    );
  }
  section.append(waterfallChart(turn.waterfall));
  return section;
}

async function recordingPlayer(id: string): Promise<HTMLElement> {
  const src = `/api/calls/${encodeURIComponent(id)}/recording`;
  const audio = h('audio', { controls: '', src, preload: 'auto' });
  const canvas = h('canvas', {
    class: 'waveform',
    width: '1000',
    height: '120',
    title: 'click to seek',
  });
  const bytes = await (await fetch(src, { credentials: 'same-origin' })).arrayBuffer();
  const peaks = stereoPeaks(bytes, canvas.width);
  const sampleRate = new DataView(bytes).getUint32(24, true);
  const totalS = Math.max(0.001, (bytes.byteLength - 44) / 4 / sampleRate);
  const redraw = () => drawWaveform(canvas, peaks, audio.currentTime / totalS);
  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    audio.currentTime = ((event.clientX - box.left) / box.width) * totalS;
    redraw();
  });
  audio.addEventListener('timeupdate', redraw);
  audio.addEventListener('seeked', redraw);
  redraw();
  return h(
    'section',
    { id: 'recording' },
    h('h2', {}, 'Recording (caller above, agent below)'),
    canvas,
    audio,
  );
}

async function showCall(id: string): Promise<void> {
  const call = await getJson<CallSummary>(`/api/calls/${encodeURIComponent(id)}`);
  const parts: HTMLElement[] = [
    h('p', {}, h('a', { href: '/calls' }, '← all calls')),
    h(
      'h1',
      {},
      `${call.agentName} · ${new Date(call.startedAtEpochMs).toLocaleString()} · ${duration(call.durationMs)}`,
    ),
  ];
  if (call.hasRecording) parts.push(await recordingPlayer(call.id));
  root.replaceChildren(...parts, ...call.turnList.map(turnSection));
}

const id = new URLSearchParams(location.search).get('id');
(id ? showCall(id) : showList()).catch((error: unknown) => {
  root.textContent = `Could not load the call log: ${error instanceof Error ? error.message : String(error)}`;
});
