// The daemon's wire types (src/OpenDaemon.Contracts), as JSON: camelCase names, null members omitted,
// timestamps as ISO 8601 strings, enums as their spec spelling.

/** ISO 8601 date and time, for example `2026-12-06T03:00:00.000Z`. */
export type Timestamp = string;

// ---- processes ----------------------------------------------------------------------------------

/** The states of a managed instance (spec §3.1). */
export type ProcessState = 'created' | 'starting' | 'online' | 'stopping' | 'stopped' | 'errored';

/** Health status of an instance with a health check. */
export type HealthStatus = 'unknown' | 'healthy' | 'unhealthy';

/** One row of the process table (`od ls`): a single instance of an app. */
export interface ProcessSummary {
  /** Instance id, unique in the daemon and stable across restarts and resurrect. */
  id: number;
  /** App name (shared by its instances). */
  name: string;
  /** Instance number within the app, from 0. */
  instance: number;
  namespace: string;
  /** Execution mode: `fork` or `cluster`. */
  mode: string;
  status: ProcessState;
  /** Pid of the running process; absent when not running. */
  pid?: number;
  /** Which run of the instance this is: 1 for its first spawn attempt. */
  runId?: number;
  /** Restarts since the app was started by a user. */
  restarts: number;
  /** Unstable runs in a row (exited before `minUptime`). */
  unstableRestarts: number;
  startedAt?: Timestamp;
  uptimeMs?: number;
  /** CPU use of the whole process tree in percent of one core. */
  cpuPercent?: number;
  /** Resident memory of the whole process tree, in bytes. */
  memoryBytes?: number;
  user?: string;
  /** When an automatic restart is due (backoff). */
  nextRestartAt?: Timestamp;
  health?: HealthStatus;
  /** Why the instance is in its state ("exit code 1"). */
  reason?: string;
  /** What an operation in progress does to it ("reloading: new pid 4321 starting"). */
  activity?: string;
}

/** Answer of `process.list` and of every command that acts on instances. */
export interface ProcessList {
  processes: ProcessSummary[];
  /** Notes about the operation ("api: will use the new value at the next restart"). */
  notes?: string[];
  /** Warnings about the configuration file that was started. */
  warnings?: string[];
}

/** Parameters of `process.start`, as the daemon takes them. */
export interface ProcessStartParams {
  /** Script path, config file path, or existing app name/id. */
  target: string;
  /** The caller's working directory: relative paths in `target` resolve against it. */
  workingDirectory: string;
  name?: string;
  /** A number or `max`. */
  instances?: string;
  cwd?: string;
  interpreter?: string;
  /** Environment variables set on top of the app's own. */
  setEnv?: Record<string, string>;
  waitReady?: boolean;
  /** Start only these apps of a configuration file. */
  only?: string[];
  /** Selects `env_<name>` of a configuration file. */
  environment?: string;
  args?: string[];
  /** Configuration fields (`maxMemory`, `healthCheck`, PM2's `max_memory_restart`, ...) applied to the app(s). */
  fields?: Record<string, unknown>;
  /** For apps that already exist: take the environment from this request. */
  updateEnv?: boolean;
  /** PM2's startOrReload: running apps of a config file are reloaded instead of restarted. */
  reload?: boolean;
}

/** Parameters of stop/restart/reload/delete/info/env. */
export interface ProcessTargetParams {
  targets: string[];
  updateEnv?: Record<string, string>;
}

/** Parameters of `process.scale`. */
export interface ProcessScaleParams {
  target: string;
  /** `"3"`, `"+2"` or `"-1"`. */
  instances: string;
}

/** Parameters of `process.signal`. */
export interface ProcessSignalParams {
  signal: string;
  targets: string[];
}

/** Parameters of `process.set`. */
export interface ProcessSetParams {
  target: string;
  key: string;
  value: string;
}

/** Answer of `process.info` for one instance. */
export interface ProcessDetail {
  summary: ProcessSummary;
  /** The app's effective configuration (secrets shown as references). */
  config: Record<string, unknown>;
  command?: ProcessCommandLine;
  history: ProcessStateChange[];
  lastExit?: ProcessExitRecord;
  schedule?: ScheduledApp;
  logs: ProcessLogPaths;
  readiness: ProcessReadiness;
  health?: ProcessHealth;
  cluster?: ProcessCluster;
}

/** Answer of `process.info`: every instance the target names. */
export interface ProcessDetailList {
  processes: ProcessDetail[];
}

export interface ProcessCluster {
  port?: number;
  address?: string;
  strategy: string;
  requests?: string;
  instances: number;
}

export interface ProcessCommandLine {
  fileName: string;
  arguments: string[];
  workingDirectory: string;
}

export interface ProcessStateChange {
  state: ProcessState;
  at: Timestamp;
  reason?: string;
}

export interface ProcessExitRecord {
  exitCode?: number;
  signal?: string;
  at: Timestamp;
  runMs: number;
  unstable: boolean;
  /** After a crash: the run's last lines, each `"stdout <text>"` or `"stderr <text>"`. */
  lastLines: string[];
}

export interface ProcessLogPaths {
  out: string;
  err: string;
}

export interface ProcessReadiness {
  waitReady: boolean;
  ready: boolean;
  status?: string;
  notifySocket?: string;
  lastWatchdogAt?: Timestamp;
}

export interface ProcessHealth {
  status: HealthStatus;
  type: string;
  lastCheckAt?: Timestamp;
  lastPassed?: boolean;
  latencyMs?: number;
  message?: string;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastTransitionAt?: Timestamp;
}

/** Answer of `process.env`. */
export interface ProcessEnvironment {
  name: string;
  variables: EnvironmentVariable[];
}

export interface EnvironmentVariable {
  name: string;
  /** The value, or `****` when masked. */
  value: string;
  /** `daemon`, `config`, `secret`, `set` or `od`. */
  source: string;
  masked: boolean;
}

/** Answer of `process.save` and `process.clearDump`. */
export interface ProcessSaveResult {
  path: string;
  apps: number;
  instances: number;
}

/** Answer of `process.graph`. */
export interface DependencyGraphInfo {
  apps: DependencyNode[];
}

export interface DependencyNode {
  name: string;
  level: number;
  dependencies: string[];
  status: ProcessState;
  health?: HealthStatus;
  reason?: string;
  cascadeStop: boolean;
  cascadeRestart: boolean;
}

// ---- events -------------------------------------------------------------------------------------

/** Payload of `process:<state>` and `process:exit` events. */
export interface ProcessEvent {
  id: number;
  name: string;
  instance: number;
  state: ProcessState;
  previousState?: ProcessState;
  pid?: number;
  exitCode?: number;
  signal?: string;
  reason?: string;
  at: Timestamp;
}

/** Payload of `health:passed`, `health:failed` and `health:changed` events. */
export interface HealthEvent {
  name: string;
  id: number;
  instance: number;
  pid: number;
  status: HealthStatus;
  previousStatus: HealthStatus;
  type: string;
  message?: string;
  consecutiveFailures: number;
  action?: string;
  at: Timestamp;
}

/** Payload of `app:added` and `app:removed` events. */
export interface AppEvent {
  name: string;
}

/** Parameters of `event.subscribe`. */
export interface EventSubscribeParams {
  /** Exact topics (`process:online`), prefixes ending in `*` (`process:*`), or `*`. */
  topics: string[];
}

/** Answer of `event.subscribe`. */
export interface EventSubscription {
  subscriptionId: number;
  topics: string[];
}

/** Answer of `event.unsubscribe`. */
export interface EventUnsubscribeResult {
  unsubscribed: boolean;
}

/**
 * One event pushed by the daemon. `event` is the topic; `data` its payload: a {@link ProcessEvent} for
 * `process:*`, a {@link HealthEvent} for `health:*`, an {@link AppEvent} for `app:*`, a
 * {@link MetricSnapshot} for `metric:snapshot`, `{reason}` for `subscription:closed`.
 */
export interface EventNotification<TData = unknown> {
  subscriptionId: number;
  event: string;
  timestamp: Timestamp;
  data: TData;
}

// ---- logs ---------------------------------------------------------------------------------------

/** One captured line (spec §3.3). */
export interface LogEntry {
  /** When the daemon read the line (UTC, milliseconds). */
  timestamp?: Timestamp;
  /** trace, debug, info, warn, error or fatal. */
  level: string;
  pid: number;
  processName: string;
  instanceId?: number;
  /** The line without its newline; for a JSON logger's line, its message field. */
  message: string;
  /** stdout or stderr. */
  source: string;
  /** The other fields of a JSON logger's line. */
  metadata?: Record<string, unknown>;
}

/** Filters shared by `log.search` and `log.stream`. */
export interface LogFilterParams {
  /** App names, instance ids or `all`; none means all apps. */
  targets?: string[];
  /** Least severe level to return (`warn` returns warn, error and fatal). */
  level?: string;
  /** A .NET regular expression the message must match. */
  grep?: string;
  /** `stdout` or `stderr` only. */
  source?: string;
}

/** Parameters of `log.search`. */
export interface LogSearchParams extends LogFilterParams {
  /** The most recent entries to return (default 100). */
  limit?: number;
  /** Continues an earlier answer: its `nextCursor`. */
  cursor?: string;
  since?: Timestamp;
  until?: Timestamp;
}

/** Answer of `log.search`: one page, oldest first. */
export interface LogSearchResult {
  entries: LogEntry[];
  truncated: boolean;
  nextCursor?: string;
}

export interface LogStreamStarted {
  streamId: number;
}

export interface LogUnstreamResult {
  streamId: number;
  ended: boolean;
}

/** Answer of `log.flush`, `log.truncate` and `log.reopen`. */
export interface LogFlushResult {
  files: string[];
}

// ---- metrics ------------------------------------------------------------------------------------

/** Parameters of `metric.snapshot`, `metric.history` and `metric.exposition`. */
export interface MetricQueryParams {
  targets?: string[];
  rangeMs?: number;
  stepMs?: number;
}

/** Answer of `metric.snapshot`. */
export interface MetricSnapshot {
  at?: Timestamp;
  intervalMs: number;
  retentionMs: number;
  historyBytes: number;
  system?: SystemMetrics;
  processes: ProcessMetrics[];
}

export interface ProcessMetrics {
  id: number;
  name: string;
  instance: number;
  namespace: string;
  status: ProcessState;
  pid?: number;
  cpuPercent?: number;
  cpuUserSeconds?: number;
  cpuSystemSeconds?: number;
  memoryBytes?: number;
  openFiles?: number;
  threads?: number;
  processCount?: number;
  ioReadBytes?: number;
  ioWriteBytes?: number;
  ioReadChars?: number;
  ioWriteChars?: number;
  restarts: number;
  uptimeMs?: number;
  /** The run's own cgroup v2 accounting (every process that ran in it); absent without a cgroup per app. */
  cgroup?: CgroupMetrics;
  /** What the Node runtime preload last reported; absent for apps that are not Node or opted out. */
  runtime?: NodeRuntimeMetrics;
  /** The series the app reports itself (opendaemon/runtime, OpenDaemon.Runtime); absent when it reports none. */
  custom?: CustomMetric[];
  labels?: Record<string, string>;
}

export interface CgroupMetrics {
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  /** Only where the memory controller is enabled for the daemon's cgroups. */
  memoryBytes?: number;
  /** Only where the io controller is enabled. */
  ioReadBytes?: number;
  ioWriteBytes?: number;
}

export interface NodeRuntimeMetrics {
  processes: number;
  heapTotalBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  eventLoopDelayP50Ms: number;
  eventLoopDelayP95Ms: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  eventLoopUtilization: number;
  activeHandles?: number;
  activeRequests?: number;
  gcCount: number;
  gcPauseMs: number;
}

/** One series an app reports itself, at its last report (counters and histograms cumulative). */
export interface CustomMetric {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help?: string;
  labels?: Record<string, string>;
  value: number;
  /** A histogram's buckets by ascending upper bound, counts cumulative; the +Inf bucket is `count`. */
  buckets?: { le: number; count: number }[];
  sum?: number;
  count?: number;
}

export interface SystemMetrics {
  cpuPercent?: number;
  cpuPerCore: (number | null)[];
  memoryTotalBytes: number;
  memoryAvailableBytes: number;
  memoryFreeBytes: number;
  memoryUsedBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
  loadAverage: number[];
  openFiles: number;
  maxOpenFiles: number;
  disks: DiskMetrics[];
  networks: NetworkMetrics[];
}

export interface DiskMetrics {
  mount: string;
  device: string;
  fileSystem: string;
  totalBytes: number;
  freeBytes: number;
  availableBytes: number;
}

export interface NetworkMetrics {
  interface: string;
  receiveBytes: number;
  transmitBytes: number;
  receivePackets: number;
  transmitPackets: number;
  receiveErrors: number;
  transmitErrors: number;
}

/** Answer of `metric.history`. */
export interface MetricHistory {
  from: Timestamp;
  to: Timestamp;
  stepMs: number;
  retentionMs: number;
  system?: SystemPoint[];
  processes: ProcessHistory[];
}

export interface SystemPoint {
  at: Timestamp;
  cpuPercent?: number;
  memoryUsedBytes: number;
  load1: number;
}

export interface ProcessHistory {
  id: number;
  name: string;
  instance: number;
  points: ProcessPoint[];
}

export interface ProcessPoint {
  at: Timestamp;
  cpuPercent?: number;
  memoryBytes: number;
  openFiles: number;
  threads: number;
  ioReadBytes: number;
  ioWriteBytes: number;
}

/** Answer of `metric.exposition`: the Prometheus text format. */
export interface MetricExposition {
  contentType: string;
  text: string;
  intervalMs: number;
}

export interface ExporterStatus {
  name: string;
  endpoint: string;
  sent: number;
  failed: number;
  lastError?: string;
  retryAt?: Timestamp;
}

// ---- daemon and plugins -------------------------------------------------------------------------

export interface PingResult {
  pong: boolean;
  time: Timestamp;
}

export interface VersionInfo {
  version: string;
  runtime: string;
  os: string;
  protocolVersion: number;
}

/** Answer of `daemon.status`. */
export interface DaemonStatusInfo {
  pid: number;
  /** starting, running or stopping. */
  state: string;
  version: string;
  startedAt: Timestamp;
  uptimeSeconds: number;
  socket: string;
  home: string;
  configFile?: string;
  memoryBytes: number;
  managedHeapBytes: number;
  threads: number;
  connections: number;
  healthy: boolean;
  /** Result of each self-check, by name: null when it passed. */
  checks: Record<string, string | null>;
  exporters?: ExporterStatus[];
  /** The REST/WebSocket API's base URL (`http://127.0.0.1:9615`); absent when it is off. */
  api?: string;
  /** WebSocket clients connected to the API now; absent when it is off. */
  apiWebSocketClients?: number;
}

export interface ShutdownResult {
  accepted: boolean;
  pid: number;
}

/** Answer of `daemon.reload`. */
export interface ConfigReloadResult {
  file: string;
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: string[];
  warnings: string[];
}

export interface PluginSummary {
  name: string;
  version: string;
  description: string;
  /** registered, installed, running, failed, disabled or stopped. */
  state: string;
  /** closed, open or half-open. */
  breaker: string;
  failures: number;
  lastError?: string;
  dependencies: string[];
  priority: number;
}

export interface PluginList {
  plugins: PluginSummary[];
}

// ---- scheduling ---------------------------------------------------------------------------------

export interface ScheduleList {
  apps: ScheduledApp[];
}

export interface ScheduledApp {
  name: string;
  cron: string;
  timezone: string;
  /** `job` or `restart`. */
  mode: string;
  nextRuns: Timestamp[];
  lastRuns: ScheduledRun[];
}

export interface ScheduledRun {
  scheduledFor?: Timestamp;
  startedAt: Timestamp;
  endedAt?: Timestamp;
  exitCode?: number;
  signal?: string;
  durationMs?: number;
  attempt: number;
  /** running, succeeded, failed, skipped or restarted. */
  outcome: string;
  note?: string;
}
