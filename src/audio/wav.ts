import { AudioFormatError } from '../spec/errors.ts';
import { clampInt16, int16ToBytes } from './pcm.ts';

export interface WavAudio {
  readonly sampleRate: number;
  /** Channels in the file; `samples` is always mono (channels averaged). */
  readonly channels: number;
  readonly samples: Int16Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface FmtChunk {
  readonly format: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
}

function fourCc(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function readFmt(view: DataView, offset: number, size: number): FmtChunk {
  if (size < 16) throw new AudioFormatError(`WAV fmt chunk too short (${size} bytes)`);
  let format = view.getUint16(offset, true);
  // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
  if (format === FORMAT_EXTENSIBLE && size >= 26) format = view.getUint16(offset + 24, true);
  return {
    format,
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
}

function decodeData(view: DataView, offset: number, size: number, fmt: FmtChunk): Int16Array {
  const isPcm16 = fmt.format === FORMAT_PCM && fmt.bitsPerSample === 16;
  const isFloat32 = fmt.format === FORMAT_FLOAT && fmt.bitsPerSample === 32;
  if (!isPcm16 && !isFloat32) {
    throw new AudioFormatError(
      `unsupported WAV encoding (format ${fmt.format}, ${fmt.bitsPerSample} bits): only 16-bit PCM and 32-bit float are read`,
    );
  }
  const bytesPerSample = fmt.bitsPerSample / 8;
  const frameBytes = bytesPerSample * fmt.channels;
  // Streamed WAVs (e.g. `espeak-ng --stdout`) claim more data than they hold; a partial last frame is dropped.
  const frames = Math.floor(size / frameBytes);
  const out = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < fmt.channels; channel++) {
      const at = offset + frame * frameBytes + channel * bytesPerSample;
      sum += isPcm16 ? view.getInt16(at, true) : view.getFloat32(at, true) * 32768;
    }
    out[frame] = clampInt16(sum / fmt.channels);
  }
  return out;
}

/** Reads a RIFF/WAVE file: 16-bit PCM or 32-bit float, any channel count (downmixed to mono). */
export function parseWav(bytes: Uint8Array): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || fourCc(view, 0) !== 'RIFF' || fourCc(view, 8) !== 'WAVE') {
    throw new AudioFormatError('not a WAV file: missing RIFF/WAVE header');
  }
  let fmt: FmtChunk | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = fourCc(view, offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const size = Math.min(declared, bytes.byteLength - body);
    if (id === 'fmt ') {
      fmt = readFmt(view, body, size);
    } else if (id === 'data') {
      if (fmt === undefined)
        throw new AudioFormatError('WAV data chunk comes before its fmt chunk');
      if (fmt.channels < 1 || fmt.sampleRate < 1) {
        throw new AudioFormatError(
          `WAV fmt chunk is invalid (channels ${fmt.channels}, rate ${fmt.sampleRate})`,
        );
      }
      return {
        sampleRate: fmt.sampleRate,
        channels: fmt.channels,
        samples: decodeData(view, body, size, fmt),
      };
    }
    offset = body + declared + (declared % 2); // chunks are padded to an even length
  }
  throw new AudioFormatError(
    fmt === undefined ? 'WAV file has no fmt chunk' : 'WAV file has no data chunk',
  );
}

/** Writes mono 16-bit PCM as a canonical 44-byte-header WAV file. */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  out.set(int16ToBytes(samples), 44);
  return out;
}
