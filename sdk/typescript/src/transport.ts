import type { EventEmitter } from 'node:events';

/**
 * How the client reaches a daemon: the Unix socket ({@link IpcTransport}) or the HTTP API
 * ({@link HttpTransport}). Both take JSON-RPC method names and parameters, so the client is written once.
 *
 * Events: `'notification'` (method, params) for pushed JSON-RPC notifications, `'binary'` (Buffer) for
 * binary frames (log streams), `'close'` (error or undefined) once the connection ended.
 */
export interface Transport extends EventEmitter {
  /** Sends one call and resolves with its result. @throws OpenDaemonError */
  call(method: string, params: unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown>;

  /** True until the connection closed. */
  readonly connected: boolean;

  /** Where it is connected (socket path or URL), for messages. */
  readonly address: string;

  /** Closes the connection; pending calls fail with IPC_ERROR. */
  close(): Promise<void>;
}
