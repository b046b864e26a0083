import { EventEmitter } from 'node:events';
import { lstat } from 'node:fs/promises';
import * as net from 'node:net';
import { ErrorCode, OpenDaemonError, errorFromInfo } from './errors.js';
import {
  DefaultMaxFrameSize,
  FrameDecoder,
  FrameType,
  HeartbeatPing,
  HeartbeatPong,
  ProtocolError,
  encodeFrame,
  type Frame,
} from './frames.js';
import type { Transport } from './transport.js';

// Overview: one Unix socket connection to the daemon. Node runs all of this on one thread, so the state
// (pending calls, the decoder) needs no locks; what matters is that every path out of a call settles it
// exactly once: the answer, its timeout, its AbortSignal, or the connection closing (which fails every
// pending call). The socket's 'data' events feed the FrameDecoder; responses settle pending calls by id,
// notifications and binary frames are re-emitted for the client, the daemon's pings are answered with
// pongs, and a ping of ours every minute keeps the daemon's idle timeout (5 minutes) away from a
// connection that only listens. That timer is unref'd: it never keeps a process alive by itself.
// A shared daemon of another user (one this user trusts) challenges the connection before anything else:
// that handshake runs on the bare socket in connect(), before the transport reads a frame.

const KeepAliveIntervalMs = 60_000;

interface PendingCall {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  abort?: () => void;
  signal?: AbortSignal;
}

/** Whom besides this user to trust as a daemon, and what to answer its token challenge with. */
export interface SharedDaemonTrust {
  /** The uid of a shared daemon this user chooses to trust (`OD_TRUST_DAEMON_UID`). */
  trustedUid?: number;
  /** The token to answer its challenge with (`OD_TOKEN`, what its owner prints with `od api token`). */
  token?: string;
}

/** The framed JSON-RPC protocol of spec §5.2 over the daemon's Unix socket (or Windows named pipe). */
export class IpcTransport extends EventEmitter implements Transport {
  private readonly pending = new Map<number, PendingCall>();
  private readonly decoder: FrameDecoder;
  private readonly keepAlive: NodeJS.Timeout;
  private lastId = 0;
  private closeError: OpenDaemonError | undefined;
  private closed = false;
  private closedByClient = false;

  private constructor(
    private readonly socket: net.Socket,
    readonly address: string,
    decoder: FrameDecoder,
  ) {
    super();
    this.setMaxListeners(0); // every open log stream and event subscription listens on its connection
    this.decoder = decoder;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.resume(); // paused after a handshake
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.closeError ??= new OpenDaemonError(ErrorCode.IPC_ERROR, `the connection to the daemon broke (${error.message})`, undefined, { cause: error });
    });
    socket.on('close', () => this.onClose());
    this.keepAlive = setInterval(() => this.write(FrameType.Heartbeat, Buffer.from([HeartbeatPing])), KeepAliveIntervalMs);
    this.keepAlive.unref();
  }

  /**
   * Connects to the socket at `socketPath`. Fails with DAEMON_NOT_RUNNING when nothing listens there,
   * UNTRUSTED_DAEMON when the socket belongs to another user (nothing is sent to it) unless that user is
   * `trust.trustedUid`, UNAUTHORIZED when that daemon wants a token and gets none or a wrong one, IPC_TIMEOUT
   * when the daemon does not accept within `timeoutMs`.
   */
  static async connect(socketPath: string, timeoutMs: number, maxFrameSize = DefaultMaxFrameSize, trust: SharedDaemonTrust = {}): Promise<IpcTransport> {
    const shared = await checkOwner(socketPath, trust.trustedUid);
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const connection = net.createConnection({ path: socketPath });
      const timer = setTimeout(() => {
        connection.destroy();
        reject(new OpenDaemonError(
          ErrorCode.IPC_TIMEOUT,
          `the daemon did not accept a connection within ${timeoutMs / 1000}s`,
          "it may be overloaded or hung: check 'od daemon logs', or restart it with 'od daemon restart'",
        ));
      }, timeoutMs);
      connection.once('connect', () => {
        clearTimeout(timer);
        connection.removeAllListeners('error');
        resolve(connection);
      });
      connection.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(connectError(error, socketPath));
      });
    });
    const decoder = new FrameDecoder(maxFrameSize);
    if (shared) {
      try {
        await answerChallenge(socket, decoder, socketPath, trust.token, timeoutMs);
      } catch (error) {
        socket.destroy();
        throw error;
      }
    }

    return new IpcTransport(socket, socketPath, decoder);
  }

  get connected(): boolean {
    return !this.closed;
  }

  call(method: string, params: unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(this.closedError());
    }

    signal?.throwIfAborted();
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      const call: PendingCall = {
        method,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(id)?.reject(new OpenDaemonError(
            ErrorCode.IPC_TIMEOUT,
            `the daemon did not answer ${method} within ${timeoutMs / 1000}s`,
            "it may be overloaded or hung: check 'od daemon logs', or restart it with 'od daemon restart'",
          ));
        }, timeoutMs),
      };
      if (signal !== undefined) {
        call.signal = signal;
        call.abort = () => this.settle(id)?.reject(signal.reason);
        signal.addEventListener('abort', call.abort, { once: true });
      }

      this.pending.set(id, call);
      const request = params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
      this.write(FrameType.Request, JSON.stringify(request));
    });
  }

  close(): Promise<void> {
    if (this.closed) {
      return Promise.resolve();
    }

    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.closedByClient = true;
      this.closeError ??= new OpenDaemonError(ErrorCode.IPC_ERROR, 'the connection was closed by this client');
      this.socket.end();
      // end() waits for the daemon to close its side; it does at once, but never wait forever.
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
  }

  private write(type: FrameType, payload: Buffer | string): void {
    if (!this.closed && this.socket.writable) {
      this.socket.write(encodeFrame(type, payload));
    }
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.fail(error);
      return;
    }

    for (const frame of frames) {
      try {
        this.onFrame(frame);
      } catch (error) {
        this.fail(error);
        return;
      }
    }
  }

  private onFrame(frame: Frame): void {
    switch (frame.type) {
      case FrameType.Response:
        this.onResponse(parseObject(frame.payload));
        break;
      case FrameType.Notification: {
        const notification = parseObject(frame.payload);
        if (typeof notification.method !== 'string') {
          throw new ProtocolError("a notification has no 'method'");
        }

        this.emit('notification', notification.method, notification.params);
        break;
      }
      case FrameType.Binary:
        this.emit('binary', frame.payload);
        break;
      case FrameType.Heartbeat:
        if (frame.payload.length !== 1) {
          throw new ProtocolError(`a heartbeat frame must carry 1 byte, not ${frame.payload.length}`);
        }

        if (frame.payload[0] === HeartbeatPing) {
          this.write(FrameType.Heartbeat, Buffer.from([HeartbeatPong]));
        }

        break;
      default:
        // Requests and auth frames from the daemon are not used by this protocol version: ignored, so that
        // a newer daemon does not break an older client.
        break;
    }
  }

  private onResponse(response: Record<string, unknown>): void {
    const id = typeof response.id === 'number' ? response.id : undefined;
    const call = id === undefined ? undefined : this.settle(id);
    const error = response.error;
    if (call === undefined) {
      if (error !== undefined && error !== null && typeof error === 'object') {
        // An id-less error: the daemon explains a protocol violation just before it closes.
        const message = (error as Record<string, unknown>).message;
        this.closeError ??= new OpenDaemonError(ErrorCode.IPC_ERROR, `the daemon closed the connection: ${String(message)}`);
      }

      return;
    }

    if (error !== undefined && error !== null) {
      call.reject(rpcError(error));
    } else {
      call.resolve(response.result);
    }
  }

  private settle(id: number): PendingCall | undefined {
    const call = this.pending.get(id);
    if (call === undefined) {
      return undefined;
    }

    this.pending.delete(id);
    clearTimeout(call.timer);
    if (call.abort !== undefined) {
      call.signal?.removeEventListener('abort', call.abort);
    }

    return call;
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.closeError ??= new OpenDaemonError(
      ErrorCode.IPC_ERROR,
      `talking to the daemon failed: ${message}`,
      "the SDK and the daemon may be different versions: run 'od daemon restart'",
      { cause: error },
    );
    this.socket.destroy();
  }

  private onClose(): void {
    if (this.closed) {
      return;
    }

    this.closed = true;
    clearInterval(this.keepAlive);
    const error = this.closedError();
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(error);
    }

    // 'close' carries an error only when the connection ended without this client asking for it.
    this.emit('close', this.closedByClient ? undefined : error);
  }

  private closedError(): OpenDaemonError {
    return this.closeError ?? new OpenDaemonError(ErrorCode.IPC_ERROR, 'the daemon closed the connection', "check 'od daemon status'");
  }
}

/** Translates a JSON-RPC error: the daemon's `{code, message, hint}` in `data`, else the standard codes. */
export function rpcError(error: unknown): OpenDaemonError {
  const record = (error ?? {}) as Record<string, unknown>;
  const typed = errorFromInfo(record.data);
  if (typed !== undefined) {
    return typed;
  }

  const message = typeof record.message === 'string' ? record.message : 'the daemon reported an error';
  switch (record.code) {
    case -32601:
      return new OpenDaemonError(ErrorCode.METHOD_NOT_FOUND, message);
    case -32602:
      return new OpenDaemonError(ErrorCode.INVALID_PARAMS, message);
    default:
      return new OpenDaemonError(ErrorCode.IPC_ERROR, message);
  }
}

function parseObject(payload: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new ProtocolError("a frame's payload is not valid JSON");
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProtocolError("a frame's payload is not a JSON object");
  }

  return value as Record<string, unknown>;
}

// A shared daemon (another user's, trusted) sends its challenge first: {"method":"none"} lets us in,
// {"method":"token"} wants the token in an auth-response frame and answers with a response frame.
async function answerChallenge(socket: net.Socket, decoder: FrameDecoder, socketPath: string, token: string | undefined, timeoutMs: number): Promise<void> {
  let frame = await readHandshakeFrame(socket, decoder, timeoutMs);
  if (frame.type === FrameType.Response) {
    throw refused(parseObject(frame.payload), `the daemon at ${socketPath} refused the connection`);
  }

  if (frame.type !== FrameType.AuthChallenge) {
    throw new OpenDaemonError(ErrorCode.IPC_ERROR, `the daemon of another user sent frame type ${frame.type} instead of its auth challenge`);
  }

  if (parseObject(frame.payload).method === 'none') {
    return;
  }

  if (!token) {
    throw new OpenDaemonError(
      ErrorCode.UNAUTHORIZED,
      `the daemon at ${socketPath} requires a token; nothing was sent`,
      "set OD_TOKEN (or the 'token' option) to the token its owner prints with 'od api token'",
    );
  }

  socket.write(encodeFrame(FrameType.AuthResponse, JSON.stringify({ token })));
  frame = await readHandshakeFrame(socket, decoder, timeoutMs);
  const verdict = parseObject(frame.payload);
  if (frame.type !== FrameType.Response || (verdict.error !== undefined && verdict.error !== null)) {
    throw refused(verdict, `the daemon at ${socketPath} refused the token`);
  }
}

function refused(response: Record<string, unknown>, fallback: string): OpenDaemonError {
  return response.error !== undefined && response.error !== null ? rpcError(response.error) : new OpenDaemonError(ErrorCode.UNAUTHORIZED, fallback);
}

// One frame of the handshake, read before the transport owns the socket (left paused after it).
function readHandshakeFrame(socket: net.Socket, decoder: FrameDecoder, timeoutMs: number): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      settle();
    };
    const onData = (chunk: Buffer): void => {
      try {
        const frames = decoder.push(chunk);
        if (frames.length > 1) {
          throw new ProtocolError('the daemon sent more than one frame during the auth handshake');
        }

        if (frames.length === 1) {
          finish(() => resolve(frames[0]!));
        }
      } catch (error) {
        finish(() => reject(new OpenDaemonError(ErrorCode.IPC_ERROR, `talking to the daemon failed: ${(error as Error).message}`, undefined, { cause: error })));
      }
    };
    const onClose = (): void => finish(() => reject(new OpenDaemonError(ErrorCode.IPC_ERROR, 'the daemon closed the connection during the auth handshake')));
    const timer = setTimeout(() => finish(() => reject(new OpenDaemonError(
      ErrorCode.IPC_TIMEOUT,
      `the daemon did not finish the auth handshake within ${timeoutMs / 1000}s`,
    ))), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
  });
}

// The CLI checks the listener's uid with SO_PEERCRED before it sends anything; Node has no peer credentials,
// so the SDK checks who owns the socket file: a socket another user made could be a trap for our requests.
// True when it is the shared daemon of the user this one trusts (it will challenge us first).
async function checkOwner(socketPath: string, trustedUid: number | undefined): Promise<boolean> {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') {
    return false;
  }

  let owner: number;
  try {
    owner = (await lstat(socketPath)).uid;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw notRunning(`no daemon is running (no socket at ${socketPath})`, error);
    }

    if (code === 'EACCES') {
      throw new OpenDaemonError(ErrorCode.PERMISSION_DENIED, `cannot reach the socket ${socketPath}: permission denied`, 'check OD_HOME / OD_SOCKET and the directory permissions', { cause: error });
    }

    throw error;
  }

  const uid = process.getuid();
  if (owner === uid) {
    return false;
  }

  if (owner === trustedUid) {
    return true;
  }

  throw new OpenDaemonError(
    ErrorCode.UNTRUSTED_DAEMON,
    `refusing to talk to ${socketPath}: it belongs to uid ${owner}, not to this user (uid ${uid}); nothing was sent`,
    `another user may have replaced the daemon's socket: check who owns ${socketPath} and its directory; to use a shared daemon of that user, set OD_TRUST_DAEMON_UID=${owner}`,
  );
}

function connectError(error: NodeJS.ErrnoException, socketPath: string): OpenDaemonError {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return notRunning(`no daemon is running (no socket at ${socketPath})`, error);
    case 'ECONNREFUSED':
      return notRunning(`no daemon is running (a stale socket was left at ${socketPath})`, error);
    case 'EACCES':
    case 'EPERM':
      return new OpenDaemonError(ErrorCode.PERMISSION_DENIED, `cannot connect to ${socketPath}: permission denied`, 'check OD_HOME / OD_SOCKET and the socket permissions', { cause: error });
    default:
      return new OpenDaemonError(ErrorCode.SOCKET_ERROR, `cannot connect to ${socketPath}: ${error.message}`, undefined, { cause: error });
  }
}

function notRunning(message: string, cause: unknown): OpenDaemonError {
  return new OpenDaemonError(ErrorCode.DAEMON_NOT_RUNNING, message, "start one with 'od daemon start'", { cause });
}
