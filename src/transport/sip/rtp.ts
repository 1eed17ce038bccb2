/** RTP packets (RFC 3550 §5.1): version 2, no padding or extension needed on the way out. */
export interface RtpPacket {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payload: Uint8Array;
}

const HEADER_BYTES = 12;

export function encodeRtp(packet: RtpPacket): Buffer {
  const out = Buffer.alloc(HEADER_BYTES + packet.payload.length);
  out[0] = 0x80;
  out[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  out.writeUInt16BE(packet.sequence & 0xffff, 2);
  out.writeUInt32BE(packet.timestamp >>> 0, 4);
  out.writeUInt32BE(packet.ssrc >>> 0, 8);
  out.set(packet.payload, HEADER_BYTES);
  return out;
}

/** Parses an RTP packet, honouring CSRCs, a header extension and padding; undefined if invalid. */
export function decodeRtp(bytes: Uint8Array): RtpPacket | undefined {
  if (bytes.length < HEADER_BYTES) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view[0]!;
  if (first >> 6 !== 2) return undefined;
  let offset = HEADER_BYTES + (first & 0x0f) * 4;
  if (first & 0x10) {
    if (view.length < offset + 4) return undefined;
    offset += 4 + view.readUInt16BE(offset + 2) * 4;
  }
  let end = view.length;
  if (first & 0x20) end -= view[view.length - 1]!;
  if (offset > end) return undefined;
  const second = view[1]!;
  const payloadType = second & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) return undefined; // RTCP on the RTP port
  return {
    payloadType,
    marker: (second & 0x80) !== 0,
    sequence: view.readUInt16BE(2),
    timestamp: view.readUInt32BE(4),
    ssrc: view.readUInt32BE(8),
    payload: new Uint8Array(view.subarray(offset, end)),
  };
}
