import { createFramer, type Framer } from '../../audio/framing.ts';
import { createResampler, type Resampler } from '../../audio/resample.ts';
import { INPUT_SAMPLE_RATE, systemClock, type Clock, type Session } from '../../index.ts';
import {
  PHONE_FRAME_MS,
  PHONE_FRAME_SAMPLES,
  PHONE_SAMPLE_RATE,
  decodePhoneAudio,
  encodePhoneAudio,
  type TelephonyCodec,
} from './codec.ts';
import { DtmfCollector } from './dtmf-collector.ts';
import { DEFAULT_DTMF_RULE, entryText, type DtmfRule } from './dtmf.ts';
import { markName, parseMarkName } from './marks.ts';
import { isPushToTalk, PHONE_DONE_KEY, PHONE_TALK_KEY } from './phone-agent.ts';

/** What a transport does with the agent's side of the call. */
export interface CallSink {
  /** One 20 ms packet of encoded agent audio (160 bytes). */
  sendAudio(payload: Uint8Array): void;
  /**
   * A named position in the outgoing audio, echoed by the peer once played (Twilio, Telnyx).
   * Without it (RTP), audio counts as heard when it is sent: the peer plays it on arrival.
   */
  sendMark?(name: string): void;
  /** Drops audio the peer has queued but not yet played (barge-in). */
  clear(): void;
}

export interface TelephonyCallOptions {
  readonly session: Session;
  readonly codec: TelephonyCodec;
  readonly sink: CallSink;
  readonly clock?: Clock;
  /** The agent's end-of-digits rule for keypad entries. */
  readonly dtmfRule?: DtmfRule;
  /** How often a playback mark is placed in the agent's audio. Default 100. */
  readonly markIntervalMs?: number;
}

interface OutgoingTurn {
  readonly turnId: number;
  readonly resampler: Resampler;
  readonly framer: Framer;
  sentMs: number;
  lastMarkMs: number;
}

/**
 * One phone call bound to one session, whatever the transport: caller audio (8 kHz G.711) is
 * decoded and resampled to the session's 16 kHz; agent audio is resampled to 8 kHz, cut into
 * 20 ms packets and encoded; barge-in clears the peer's queue; marks (or sent audio) become
 * the playback position; keypad digits become text by the agent's rule.
 */
export class TelephonyCall {
  readonly session: Session;
  readonly codec: TelephonyCodec;
  readonly #sink: CallSink;
  readonly #markIntervalMs: number;
  readonly #inbound = createResampler(PHONE_SAMPLE_RATE, INPUT_SAMPLE_RATE);
  readonly #dtmf: DtmfCollector;
  readonly #unsubscribe: () => void;
  #turn: OutgoingTurn | undefined;
  /** Turns whose queued audio was cleared: their late mark echoes are not what was heard. */
  readonly #clearedTurns = new Set<number>();
  #closed: Promise<void> | undefined;
  /** A push-to-talk agent's microphone, opened and closed by the star key. */
  #talking = false;
  packetsSent = 0;

  constructor(options: TelephonyCallOptions) {
    this.session = options.session;
    this.codec = options.codec;
    this.#sink = options.sink;
    this.#markIntervalMs = options.markIntervalMs ?? 100;
    const clock = options.clock ?? systemClock;
    const rule = options.dtmfRule ?? DEFAULT_DTMF_RULE;
    this.#dtmf = new DtmfCollector(rule, clock, (entry) =>
      this.session.sendText(entryText(rule, entry)),
    );
    this.#unsubscribe = this.session.subscribe((event) => {
      if (this.#closed) return;
      if (event.type === 'agent.audio.start') this.#startTurn(event.turnId, event.sampleRate);
      else if (event.type === 'agent.audio')
        this.#sendAgentAudio(event.turnId, event.chunk.samples, event.chunk.sampleRate);
      else if (event.type === 'agent.audio.end' && !event.interrupted) this.#endTurn(event.turnId);
      else if (event.type === 'interrupt') this.#interrupt(event.turnId);
    });
  }

  /** Caller audio: one payload of G.711 bytes at 8 kHz, any length. */
  pushCallerAudio(payload: Uint8Array): void {
    if (this.#closed || payload.length === 0) return;
    const samples = this.#inbound.push(decodePhoneAudio(this.codec, payload));
    if (samples.length > 0) this.session.pushAudio({ samples, sampleRate: INPUT_SAMPLE_RATE });
  }

  /**
   * A keypad key the caller pressed (`0`–`9`, `*`, `#`, `A`–`D`). For a push-to-talk agent
   * the star key opens and closes the microphone (see `phone-agent.ts`).
   */
  pressKey(key: string): void {
    if (this.#closed) return;
    if (isPushToTalk(this.session.agent)) {
      if (key === PHONE_TALK_KEY && !this.#talking) {
        this.#talking = true;
        this.session.pttDown();
        return;
      }
      if ((key === PHONE_TALK_KEY || key === PHONE_DONE_KEY) && this.#talking) {
        this.#talking = false;
        this.session.pttUp();
        return;
      }
    }
    this.#dtmf.press(key);
  }

  /** The peer echoed a mark: the audio before it has played. */
  markPlayed(name: string): void {
    if (this.#closed) return;
    const mark = parseMarkName(name);
    if (!mark || this.#clearedTurns.has(mark.turnId)) return;
    this.session.setPlaybackPosition(mark.turnId, mark.playedMs);
  }

  /** Ends the call's session; nothing is sent after this. Safe to call more than once. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#unsubscribe();
      this.#dtmf.close();
      this.#turn = undefined;
      await this.session.close();
    })();
    return this.#closed;
  }

  #startTurn(turnId: number, sampleRate: number): void {
    this.#turn = {
      turnId,
      resampler: createResampler(sampleRate, PHONE_SAMPLE_RATE),
      framer: createFramer(PHONE_FRAME_SAMPLES, { padFinal: true }),
      sentMs: 0,
      lastMarkMs: 0,
    };
  }

  #sendAgentAudio(turnId: number, samples: Int16Array, sampleRate: number): void {
    if (this.#turn?.turnId !== turnId) this.#startTurn(turnId, sampleRate);
    const turn = this.#turn!;
    for (const frame of turn.framer.push(turn.resampler.push(samples)))
      this.#sendFrame(turn, frame);
  }

  #endTurn(turnId: number): void {
    const turn = this.#turn;
    if (turn?.turnId !== turnId) return;
    for (const frame of turn.framer.push(turn.resampler.flush())) this.#sendFrame(turn, frame);
    const last = turn.framer.flush();
    if (last) this.#sendFrame(turn, last);
    this.#placeMark(turn);
    this.#turn = undefined;
  }

  #interrupt(turnId: number): void {
    this.#clearedTurns.add(turnId);
    if (this.#turn?.turnId === turnId) this.#turn = undefined;
    this.#sink.clear();
  }

  #sendFrame(turn: OutgoingTurn, frame: Int16Array): void {
    this.#sink.sendAudio(encodePhoneAudio(this.codec, frame));
    this.packetsSent++;
    turn.sentMs += PHONE_FRAME_MS;
    if (turn.sentMs - turn.lastMarkMs >= this.#markIntervalMs) this.#placeMark(turn);
  }

  #placeMark(turn: OutgoingTurn): void {
    if (turn.sentMs === turn.lastMarkMs) return;
    turn.lastMarkMs = turn.sentMs;
    const mark = { turnId: turn.turnId, playedMs: turn.sentMs };
    if (this.#sink.sendMark) this.#sink.sendMark(markName(mark));
    else this.session.setPlaybackPosition(mark.turnId, mark.playedMs);
  }
}
