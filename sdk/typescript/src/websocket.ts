import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { ErrorCode, OpenDaemonError, errorFromInfo } from './errors.js';

// Overview: a minimal WebSocket client (RFC 6455) for the daemon's `/ws` endpoint (spec §8.2), because Node 20
// has no WebSocket of its own. One connection per subscription: the upgrade handshake over http(s) with the
// bearer token, one text frame `{"subscribe": [topics]}`, then JSON text frames from the daemon —
// `{"subscribed": [...]}` (the subscription is in effect: 'ready'), `{"event", "timestamp", "data"}`
// ('message'), `{"events": [...]}` (log lines that came together: one 'message' each), `{"error": {...}}` ('error'). The daemon's pings are answered; a close frame or the socket
// closing emits 'close' once, with the close reason when the daemon gave one (a subscriber that fell behind).
// Client frames are masked, as the protocol requires; fragmented messages are joined.

const Guid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One WebSocket subscription. Events: 'ready', 'message' (object), 'error' (OpenDaemonError), 'close' (reason). */
export class WebSocketSubscription extends EventEmitter {
  private socket: Duplex | undefined;
  private buffered = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closed = false;

  constructor(baseUrl: string, token: string | undefined, private readonly topics: string[]) {
    super();
    const url = new URL('/ws', baseUrl);
    const key = randomBytes(16).toString('base64');
    const headers: Record<string, string> = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': key,
    };
    if (token !== undefined) {
      headers.authorization = `Bearer ${token}`;
    }

    const request = (url.protocol === 'https:' ? https : http).request(url, { headers });
    request.on('upgrade', (response, socket, head) => {
      const expected = createHash('sha1').update(key + Guid).digest('base64');
      if (response.headers['sec-websocket-accept'] !== expected) {
        socket.destroy();
        this.finish(new OpenDaemonError(ErrorCode.IPC_ERROR, `${url.href} did not complete the WebSocket handshake`));
        return;
      }

      this.socket = socket;
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('close', () => this.finish(undefined));
      socket.on('error', () => undefined); // 'close' follows
      this.send(JSON.stringify({ subscribe: this.topics }));
      if (head.length > 0) {
        this.onData(head);
      }
    });
    request.on('response', (response) => {
      // Not upgraded: the API refused (401, 429, ...) with a JSON error body.
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }

        this.finish(errorFromInfo(parsed) ?? new OpenDaemonError(ErrorCode.IPC_ERROR, `GET /ws answered HTTP ${response.statusCode}`));
      });
    });
    request.on('error', (error) => {
      this.finish(new OpenDaemonError(ErrorCode.DAEMON_NOT_RUNNING, `cannot reach the daemon's API at ${url.origin}: ${error.message}`, "check the url, and that the daemon runs with 'api.listen' set", { cause: error }));
    });
    request.end();
  }

  /** Sends a close frame and ends the connection. */
  close(): void {
    if (this.socket !== undefined && !this.closed) {
      this.write(0x8, Buffer.from([0x03, 0xe8])); // 1000: normal closure
      this.socket.end();
      const socket = this.socket;
      setTimeout(() => socket.destroy(), 1000).unref(); // a server that never answers the close frame
    }

    this.finish(undefined);
  }

  private send(text: string): void {
    this.write(0x1, Buffer.from(text, 'utf8'));
  }

  private write(opcode: number, payload: Buffer): void {
    const length = payload.length;
    const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    if (length < 126) {
      header[1] = 0x80 | length;
    } else if (length < 65536) {
      header[1] = 0x80 | 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }

    const mask = randomBytes(4);
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      masked[i] = payload[i]! ^ mask[i & 3]!;
    }

    this.socket?.write(Buffer.concat([header, mask, masked]));
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 2) {
      const first = this.buffered[0]!;
      const second = this.buffered[1]!;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffered.length < 4) return;
        length = this.buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffered.length < 10) return;
        length = Number(this.buffered.readBigUInt64BE(2));
        offset = 10;
      }

      const maskLength = (second & 0x80) !== 0 ? 4 : 0;
      if (this.buffered.length < offset + maskLength + length) return;
      let payload = this.buffered.subarray(offset + maskLength, offset + maskLength + length);
      if (maskLength > 0) {
        const mask = this.buffered.subarray(offset, offset + 4);
        payload = Buffer.from(payload.map((byte, i) => byte ^ mask[i & 3]!));
      }

      this.buffered = this.buffered.subarray(offset + maskLength + length);
      this.onFrame((first & 0x80) !== 0, first & 0x0f, Buffer.from(payload));
    }
  }

  private onFrame(final: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case 0x0: // continuation
      case 0x1: // text
      case 0x2: // binary
        this.fragments.push(payload);
        if (final) {
          const text = Buffer.concat(this.fragments).toString('utf8');
          this.fragments = [];
          this.onMessage(text);
        }

        break;
      case 0x8: {
        const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : undefined;
        this.socket?.end();
        this.finish(undefined, reason);
        break;
      }
      case 0x9:
        this.write(0xa, payload);
        break;
      default:
        break;
    }
  }

  private onMessage(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }

    if (Array.isArray(message.subscribed)) {
      this.emit('ready');
    } else if (message.error !== undefined) {
      this.emit('error', errorFromInfo(message) ?? new OpenDaemonError(ErrorCode.IPC_ERROR, text));
    } else if (Array.isArray(message.events)) {
      // Log lines that arrived together: each element is one event message.
      for (const event of message.events as Record<string, unknown>[]) {
        this.emit('message', event);
      }
    } else if (typeof message.event === 'string') {
      this.emit('message', message);
    }
  }

  private finish(error: OpenDaemonError | undefined, reason?: string): void {
    if (this.closed) {
      return;
    }

    this.closed = true;
    if (error !== undefined) {
      this.emit('error', error);
    }

    this.emit('close', reason);
  }
}
