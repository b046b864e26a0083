/**
 * Every failure the SDK reports is an {@link OpenDaemonError} carrying one of these codes: the daemon's own
 * (spec §10.1, sent in the JSON-RPC error's `data`) or one the SDK sets for the way to the daemon
 * (`DAEMON_NOT_RUNNING`, `IPC_TIMEOUT`, `IPC_ERROR`, ...).
 */
export const ErrorCode = {
  UNKNOWN_ERROR: 'UNKNOWN_ERROR',
  DAEMON_NOT_RUNNING: 'DAEMON_NOT_RUNNING',
  DAEMON_ALREADY_RUNNING: 'DAEMON_ALREADY_RUNNING',
  DAEMON_START_FAILED: 'DAEMON_START_FAILED',
  SHUTDOWN_TIMEOUT: 'SHUTDOWN_TIMEOUT',
  SOCKET_ERROR: 'SOCKET_ERROR',
  UNSAFE_PATH: 'UNSAFE_PATH',
  UNTRUSTED_DAEMON: 'UNTRUSTED_DAEMON',
  HOME_UNREADABLE: 'HOME_UNREADABLE',
  DISK_FULL: 'DISK_FULL',
  PROCESS_NOT_FOUND: 'PROCESS_NOT_FOUND',
  PROCESS_ALREADY_EXISTS: 'PROCESS_ALREADY_EXISTS',
  PROCESS_START_FAILED: 'PROCESS_START_FAILED',
  PROCESS_STOP_FAILED: 'PROCESS_STOP_FAILED',
  SCRIPT_NOT_EXECUTABLE: 'SCRIPT_NOT_EXECUTABLE',
  CONFIG_NOT_FOUND: 'CONFIG_NOT_FOUND',
  CONFIG_INVALID: 'CONFIG_INVALID',
  CONFIG_VALIDATION_ERROR: 'CONFIG_VALIDATION_ERROR',
  CONFIG_EXISTS: 'CONFIG_EXISTS',
  PLUGIN_NOT_FOUND: 'PLUGIN_NOT_FOUND',
  PLUGIN_ALREADY_REGISTERED: 'PLUGIN_ALREADY_REGISTERED',
  PLUGIN_DEPENDENCY_MISSING: 'PLUGIN_DEPENDENCY_MISSING',
  PLUGIN_CONFLICT: 'PLUGIN_CONFLICT',
  HEALTH_CHECK_FAILED: 'HEALTH_CHECK_FAILED',
  HEALTH_CHECK_TIMEOUT: 'HEALTH_CHECK_TIMEOUT',
  IPC_TIMEOUT: 'IPC_TIMEOUT',
  IPC_ERROR: 'IPC_ERROR',
  METHOD_NOT_FOUND: 'METHOD_NOT_FOUND',
  INVALID_PARAMS: 'INVALID_PARAMS',
  SECRET_NOT_FOUND: 'SECRET_NOT_FOUND',
  SECRET_DECRYPTION_FAILED: 'SECRET_DECRYPTION_FAILED',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  TIMEOUT: 'TIMEOUT',
  REGEX_TIMEOUT: 'REGEX_TIMEOUT',
  RELOAD_FAILED: 'RELOAD_FAILED',
  OPERATION_IN_PROGRESS: 'OPERATION_IN_PROGRESS',
  UNAUTHORIZED: 'UNAUTHORIZED',
  RATE_LIMITED: 'RATE_LIMITED',
  DAEMON_STOPPING: 'DAEMON_STOPPING',
} as const;

/** One of the codes of {@link ErrorCode}; a newer daemon may send codes this SDK does not list yet. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The wire form of a failure: the `data` of a JSON-RPC error, the body of an HTTP error. */
export interface ErrorInfo {
  code: ErrorCode | string;
  message: string;
  hint?: string;
}

/** A failure with the daemon's error code, a plain sentence and, where one exists, the fix. */
export class OpenDaemonError extends Error {
  /** The error code, for example `PROCESS_NOT_FOUND` or `DAEMON_NOT_RUNNING`. */
  readonly code: ErrorCode | string;

  /** What to do about it, when the daemon (or the SDK) knows. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode | string, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OpenDaemonError';
    this.code = code;
    this.hint = hint;
  }

  /** The wire form, as `od --json` prints it. */
  toJSON(): ErrorInfo {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** @internal Reads `{code, message, hint}` (or `{error: {...}}`) into an error, when it has that shape. */
export function errorFromInfo(value: unknown): OpenDaemonError | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }

  const record = value as Record<string, unknown>;
  if (record.error !== undefined && typeof record.error === 'object') {
    return errorFromInfo(record.error);
  }

  if (typeof record.code === 'string' && typeof record.message === 'string') {
    return new OpenDaemonError(record.code, record.message, typeof record.hint === 'string' ? record.hint : undefined);
  }

  return undefined;
}
