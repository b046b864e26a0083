/** The type byte that starts every frame (spec §5.2). */
export const FrameType = {
  Request: 0x01,
  Response: 0x02,
  Notification: 0x03,
  Binary: 0x04,
  Heartbeat: 0x05,
  AuthChallenge: 0x06,
  AuthResponse: 0x07,
} as const;

export type FrameType = (typeof FrameType)[keyof typeof FrameType];

/** A decoded frame: its type and payload. */
export interface Frame {
  type: FrameType;
  payload: Buffer;
}

/** 1 byte type + 4 byte big-endian length. */
export const HeaderSize = 5;

/** 10 MB, the daemon's default message limit. */
export const DefaultMaxFrameSize = 10 * 1024 * 1024;

/** Heartbeat payloads: 0 = ping, 1 = pong. */
export const HeartbeatPing = 0;
export const HeartbeatPong = 1;

/** A frame that breaks the protocol: the connection must be closed. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Encodes one frame: type, big-endian payload length, payload. */
export function encodeFrame(type: FrameType, payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const frame = Buffer.allocUnsafe(HeaderSize + body.length);
  frame[0] = type;
  frame.writeUInt32BE(body.length, 1);
  frame.set(body, HeaderSize);
  return frame;
}

/**
 * Cuts a byte stream into frames. The header is validated as soon as its 5 bytes arrived, so an unknown type
 * or an oversized length is refused before any payload is buffered (as the daemon's FrameCodec does).
 */
export class FrameDecoder {
  // Chunks are kept apart until a whole frame is there, so a large frame costs one copy, not one per chunk.
  private chunks: Buffer[] = [];
  private total = 0;

  constructor(private readonly maxFrameSize: number = DefaultMaxFrameSize) {}

  /** Adds bytes and returns every frame they complete. @throws ProtocolError on an invalid header. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.total += chunk.length;
    const frames: Frame[] = [];
    while (this.total >= HeaderSize) {
      if (this.chunks[0]!.length < HeaderSize) {
        this.merge();
      }

      const head = this.chunks[0]!;
      const type = head[0]!;
      if (type < FrameType.Request || type > FrameType.AuthResponse) {
        throw new ProtocolError(`unknown frame type 0x${type.toString(16).padStart(2, '0')}`);
      }

      const length = head.readUInt32BE(1);
      if (length > this.maxFrameSize) {
        throw new ProtocolError(`frame of ${length} bytes exceeds the limit of ${this.maxFrameSize} bytes`);
      }

      if (this.total < HeaderSize + length) {
        break;
      }

      this.merge();
      const all = this.chunks[0]!;
      // A copy, so that the payload outlives the buffer it was cut from.
      frames.push({ type: type as FrameType, payload: Buffer.from(all.subarray(HeaderSize, HeaderSize + length)) });
      const rest = all.subarray(HeaderSize + length);
      this.chunks = rest.length === 0 ? [] : [rest];
      this.total = rest.length;
    }

    return frames;
  }

  /** Bytes of an unfinished frame still waiting for the rest. */
  get pendingBytes(): number {
    return this.total;
  }

  private merge(): void {
    if (this.chunks.length > 1) {
      this.chunks = [Buffer.concat(this.chunks, this.total)];
    }
  }
}
