/** How to reach a daemon. Every member is optional: by default the local daemon of `OD_HOME`/`OD_SOCKET`. */
export interface OpenDaemonOptions {
  /** The Unix socket (or Windows pipe) to connect to; by default resolved as `od` does (see resolveSocketPath). */
  socketPath?: string;
  /** The environment `OD_HOME`, `OD_SOCKET` and `XDG_RUNTIME_DIR` are read from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * A remote daemon's HTTP API, for example `http://127.0.0.1:9615` (the `/api/v1` prefix is added). With it
   * the SDK speaks REST (spec §8.1) instead of the socket; `token` is then sent as a bearer token.
   */
  url?: string;
  /**
   * The API token (`od api token`): the bearer token for `url`, and the answer to a shared daemon's socket
   * challenge (default `OD_TOKEN`).
   */
  token?: string;
  /**
   * The uid of another user whose daemon socket this client may use — a shared daemon (`daemon.socketGroup`);
   * default `OD_TRUST_DAEMON_UID`. Any other owner of the socket is refused before a byte is sent.
   */
  trustDaemonUid?: number;
  /** How long to wait for the daemon to accept the connection (default 2 s). */
  connectTimeoutMs?: number;
  /** How long to wait for any one answer (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * How long to wait for process operations (start, stop, restart, reload, scale, delete, resurrect) and log
   * searches, which answer only once the apps reached their state (default 10 minutes).
   */
  operationTimeoutMs?: number;
  /** The directory relative script and config paths of `start` resolve against (default `process.cwd()`). */
  cwd?: string;
}

/** Per-call options: every method takes them last. */
export interface CallOptions {
  /** Cancels the call: it rejects with the signal's reason (the daemon may still finish the operation). */
  signal?: AbortSignal;
  /** Overrides the answer timeout of this call. */
  timeoutMs?: number;
}

/** Apps or instances: a name, an id, `all`, a namespace, or several of them. */
export type Targets = string | number | readonly (string | number)[];

/**
 * An app to start, as spec §9.1 writes it: `script` (or a config file) and any configuration field of the
 * app (`instances`, `maxMemory`, `env`, `healthCheck`, `restartPolicy`, PM2's names, ...). Unknown fields are
 * refused by the daemon with INVALID_PARAMS.
 */
export interface AppDefinition {
  /** The script, command or configuration file to start, or the name of an app the daemon knows. */
  script: string;
  name?: string;
  /** A count or `'max'`. */
  instances?: number | string;
  /** The app's working directory. */
  cwd?: string;
  interpreter?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Any other configuration field of an app (docs/configuration.md). */
  [field: string]: unknown;
}

/** Options of `logs()`. */
export interface LogsOptions {
  /** Keep the stream open and deliver entries as they are captured (default false: recent entries, then end). */
  follow?: boolean;
  /** Recent entries to deliver first (default 100 without follow, 0 with follow). */
  lines?: number;
  /** Least severe level (`warn` delivers warn, error and fatal). */
  level?: string;
  /** A regular expression (.NET syntax) the message must match. */
  grep?: string;
  /** `stdout` or `stderr` only. */
  source?: 'stdout' | 'stderr';
}
