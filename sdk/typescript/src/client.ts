import { EventEmitter } from 'node:events';
import type {
  ConfigReloadResult,
  DaemonStatusInfo,
  DependencyGraphInfo,
  EventNotification,
  EventUnsubscribeResult,
  LogEntry,
  LogFlushResult,
  LogSearchParams,
  LogSearchResult,
  LogUnstreamResult,
  MetricExposition,
  MetricHistory,
  MetricSnapshot,
  PingResult,
  PluginList,
  PluginSummary,
  ProcessDetail,
  ProcessDetailList,
  ProcessEnvironment,
  ProcessList,
  ProcessSaveResult,
  ProcessStartParams,
  ProcessSummary,
  ScheduleList,
  ShutdownResult,
  VersionInfo,
} from './contracts.js';
import { ErrorCode, OpenDaemonError } from './errors.js';
import { HttpTransport } from './http-transport.js';
import { IpcTransport, type SharedDaemonTrust } from './ipc-transport.js';
import type { LiveStream } from './live-stream.js';
import { RpcMethods } from './methods.js';
import type { AppDefinition, CallOptions, LogsOptions, OpenDaemonOptions, Targets } from './options.js';
import { resolveSocketPath } from './paths.js';
import { followLogs, recentLogs, subscribeEvents, type StreamHost } from './streams.js';
import type { Transport } from './transport.js';

const Defaults = { connectTimeoutMs: 2_000, requestTimeoutMs: 30_000, operationTimeoutMs: 600_000 };

// The members of AppDefinition that are parameters of process.start; every other member is a config field.
const StartParameters = new Set(['script', 'name', 'instances', 'cwd', 'interpreter', 'args']);

/**
 * The OpenDaemon SDK: one connection to a daemon, over its Unix socket (default) or its HTTP API (`url`).
 * Every failure is an {@link OpenDaemonError} with the daemon's error code.
 *
 * Emits `'disconnect'` (error or undefined) when the connection ends; the next call connects again.
 *
 * @example
 * const od = new OpenDaemon();
 * await od.connect();
 * await od.start({ name: 'api', script: './app.js', instances: 2 });
 * for await (const entry of od.logs('api', { follow: true })) console.log(entry.message);
 */
export class OpenDaemon extends EventEmitter {
  private readonly options: Required<Pick<OpenDaemonOptions, 'connectTimeoutMs' | 'requestTimeoutMs' | 'operationTimeoutMs'>> & OpenDaemonOptions;
  private connection: Transport | undefined;
  private connecting: Promise<Transport> | undefined;
  private readonly streams: StreamHost = {
    transport: () => this.transport(),
    call: (method, params, options) => this.call(method, params, options),
    readLogs: (parameters, options) => this.readLogs(parameters, options),
    endQuietly: (method, params) => this.endQuietly(method, params),
  };

  constructor(options: OpenDaemonOptions = {}) {
    super();
    this.options = { ...Defaults, ...options };
  }

  /** Where this client connects: the socket path, or the API's URL. */
  get address(): string {
    return this.options.url ?? this.options.socketPath ?? resolveSocketPath({ env: this.options.env ?? process.env });
  }

  /** True while a connection is open. */
  get connected(): boolean {
    return this.connection?.connected ?? false;
  }

  /** Opens the connection (calls do it on demand too). DAEMON_NOT_RUNNING when no daemon listens. */
  async connect(): Promise<this> {
    await this.transport();
    return this;
  }

  /** Closes the connection; streams end, pending calls fail with IPC_ERROR. */
  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  // ---- processes ------------------------------------------------------------------------------

  /**
   * `process.start`: a script or config file (`{ script, name, instances, env, ...fields }` as in spec §9.1, or
   * its path as a string), or an app the daemon knows (its name). Answers once the apps are online.
   */
  start(app: AppDefinition | ProcessStartParams | string, options?: CallOptions): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessStart, this.startParams(app), options);
  }

  /** `process.stop`: names, ids or `all`; no automatic restart follows. */
  stop(targets: Targets, options?: CallOptions): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessStop, { targets: toTargets(targets) }, options);
  }

  /** `process.restart`; with `updateEnv` the apps take that environment first (PM2's `--update-env`). */
  restart(targets: Targets, options?: CallOptions & { updateEnv?: Record<string, string> }): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessRestart, { targets: toTargets(targets), updateEnv: options?.updateEnv }, options);
  }

  /** `process.reload`: zero-downtime reload in cluster mode, one instance at a time (fork mode restarts). */
  reload(targets: Targets, options?: CallOptions & { updateEnv?: Record<string, string> }): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessReload, { targets: toTargets(targets), updateEnv: options?.updateEnv }, options);
  }

  /** `process.scale`: a count (`3`) or a change (`'+2'`, `'-1'`). */
  scale(app: string, instances: number | string, options?: CallOptions): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessScale, { target: app, instances: String(instances) }, options);
  }

  /** `process.delete`: stop and forget; answers the deleted instances as they were last. */
  delete(targets: Targets, options?: CallOptions): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessDelete, { targets: toTargets(targets) }, options);
  }

  /** `process.list`: the process table, one row per instance. */
  async list(options?: CallOptions): Promise<ProcessSummary[]> {
    return (await this.call<ProcessList>(RpcMethods.ProcessList, undefined, options)).processes;
  }

  /** `process.info`: details of every instance `target` names; PROCESS_NOT_FOUND when none. */
  async info(target: string | number, options?: CallOptions): Promise<ProcessDetail[]> {
    return (await this.call<ProcessDetailList>(RpcMethods.ProcessInfo, { targets: toTargets(target) }, options)).processes;
  }

  /** `process.env`: the environment the app's instances get, secrets masked. */
  env(target: string | number, options?: CallOptions): Promise<ProcessEnvironment> {
    return this.call(RpcMethods.ProcessEnv, { targets: toTargets(target) }, options);
  }

  /** `process.set`: one environment variable, used from the next restart. */
  set(target: string, key: string, value: string, options?: CallOptions): Promise<ProcessList> {
    return this.call(RpcMethods.ProcessSet, { target, key, value }, options);
  }

  /** `process.signal`: sends a signal (`'SIGUSR2'`, `'USR2'`, `12`) to the main process of each instance. */
  signal(signal: string | number, targets: Targets, options?: CallOptions): Promise<ProcessList> {
    return this.call(RpcMethods.ProcessSignal, { signal: String(signal), targets: toTargets(targets) }, options);
  }

  /** `process.reset`: restart counters back to 0. */
  reset(targets: Targets, options?: CallOptions): Promise<ProcessList> {
    return this.call(RpcMethods.ProcessReset, { targets: toTargets(targets) }, options);
  }

  /** `process.save`: writes the process list to `$OD_HOME/dump.json`. */
  save(options?: CallOptions): Promise<ProcessSaveResult> {
    return this.call(RpcMethods.ProcessSave, undefined, options);
  }

  /** `process.resurrect`: starts the apps of dump.json. */
  resurrect(options?: CallOptions): Promise<ProcessList> {
    return this.long(RpcMethods.ProcessResurrect, undefined, options);
  }

  /** `process.clearDump`: empties dump.json. */
  clearDump(options?: CallOptions): Promise<ProcessSaveResult> {
    return this.call(RpcMethods.ProcessClearDump, undefined, options);
  }

  /** `process.graph`: every app with its dependencies and state. */
  graph(options?: CallOptions): Promise<DependencyGraphInfo> {
    return this.call(RpcMethods.ProcessGraph, undefined, options);
  }

  /** `schedule.list`: apps with a cron schedule (all, or those named), with next and last runs. */
  schedules(apps?: Targets, options?: CallOptions): Promise<ScheduleList> {
    const targets = apps === undefined ? [] : toTargets(apps);
    return this.call(RpcMethods.ScheduleList, targets.length > 0 ? { targets } : undefined, options);
  }

  // ---- logs -----------------------------------------------------------------------------------

  /**
   * Log entries of an app (names, ids, `all`; all apps when omitted) as a stream that is both an event
   * emitter (`'data'`, `'end'`, `'error'`) and an async iterator. Without `follow`: the recent entries
   * (`lines`, default 100), then the end. With `follow`: entries as they are captured (after `lines` recent
   * ones, if asked), across restarts and rotation, until `close()`, a `break` out of `for await`, or
   * `disconnect()`.
   */
  logs(targets?: Targets, options: LogsOptions = {}): LiveStream<LogEntry> {
    const filters = {
      targets: targets === undefined ? [] : toTargets(targets),
      level: options.level,
      grep: options.grep,
      source: options.source,
    };
    return options.follow === true ? followLogs(this.streams, filters, options.lines ?? 0) : recentLogs(this.streams, filters, options.lines ?? 100);
  }

  /** `log.search`, one page: matching entries oldest first; pass `nextCursor` back as `cursor` for the next. */
  searchLogs(parameters: LogSearchParams = {}, options?: CallOptions): Promise<LogSearchResult> {
    return this.long(RpcMethods.LogSearch, { targets: [], ...parameters }, options);
  }

  /** Every entry of a `log.search` (the last `limit` matches), page after page, oldest first. */
  async *readLogs(parameters: LogSearchParams = {}, options?: CallOptions): AsyncGenerator<LogEntry> {
    let request: LogSearchParams = { ...parameters, cursor: undefined };
    while (true) {
      const page = await this.searchLogs(request, options);
      yield* page.entries;
      if (page.nextCursor === undefined || page.nextCursor === null) {
        return;
      }

      request = { ...parameters, cursor: page.nextCursor };
    }
  }

  /** `log.flush`: writes buffered lines of the named apps (all when none) to disk now. */
  flushLogs(targets: Targets = [], options?: CallOptions): Promise<LogFlushResult> {
    return this.call(RpcMethods.LogFlush, { targets: toTargets(targets) }, options);
  }

  /** `log.truncate`: empties the current log files of the named apps (all when none), as PM2's `flush`. */
  truncateLogs(targets: Targets = [], options?: CallOptions): Promise<LogFlushResult> {
    return this.call(RpcMethods.LogTruncate, { targets: toTargets(targets) }, options);
  }

  /** `log.reopen`: closes and reopens the log files (after an outside logrotate). */
  reopenLogs(targets: Targets = [], options?: CallOptions): Promise<LogFlushResult> {
    return this.call(RpcMethods.LogReopen, { targets: toTargets(targets) }, options);
  }

  // ---- events ---------------------------------------------------------------------------------

  /**
   * `event.subscribe`: the daemon's events as they happen, as a stream that is both an event emitter and an
   * async iterator. Topics are exact (`process:online`), prefixes (`process:*`, `health:*`, `app:*`) or `*`;
   * `metric:snapshot` brings a metrics pass per collection interval. When the reader falls behind the daemon
   * ends the subscription: its last item is a `subscription:closed` event, then the stream ends.
   */
  events(topics: string | readonly string[] = ['*']): LiveStream<EventNotification> {
    return subscribeEvents(this.streams, typeof topics === 'string' ? [topics] : [...topics]);
  }

  /** `event.unsubscribe`: ends a subscription (`events()` streams do it themselves on close). */
  unsubscribe(subscriptionId: number, options?: CallOptions): Promise<EventUnsubscribeResult> {
    return this.call(RpcMethods.EventUnsubscribe, { subscriptionId }, options);
  }

  // ---- metrics --------------------------------------------------------------------------------

  /** `metric.snapshot`: the latest pass of the named apps (all, with the machine's figures, when none). */
  metrics(targets: Targets = [], options?: CallOptions): Promise<MetricSnapshot> {
    return this.call(RpcMethods.MetricSnapshot, { targets: toTargets(targets) }, options);
  }

  /** `metric.history`: points over `rangeMs` (default the whole retention), one per `stepMs`. */
  metricsHistory(targets: Targets = [], range: { rangeMs?: number; stepMs?: number } = {}, options?: CallOptions): Promise<MetricHistory> {
    return this.call(RpcMethods.MetricHistory, { targets: toTargets(targets), rangeMs: range.rangeMs, stepMs: range.stepMs }, options);
  }

  /** `metric.exposition`: the latest pass in the Prometheus text format. */
  metricsText(targets: Targets = [], options?: CallOptions): Promise<MetricExposition> {
    return this.call(RpcMethods.MetricExposition, { targets: toTargets(targets) }, options);
  }

  // ---- daemon and plugins ---------------------------------------------------------------------

  /** `daemon.ping`: proves the daemon answers. */
  ping(options?: CallOptions): Promise<PingResult> {
    return this.call(RpcMethods.DaemonPing, undefined, options);
  }

  /** `daemon.version`. */
  version(options?: CallOptions): Promise<VersionInfo> {
    return this.call(RpcMethods.DaemonVersion, undefined, options);
  }

  /** `daemon.status`: pid, uptime, memory, threads, self-checks. */
  status(options?: CallOptions): Promise<DaemonStatusInfo> {
    return this.call(RpcMethods.DaemonStatus, undefined, options);
  }

  /** `daemon.reload`: re-reads the daemon's configuration file and applies what changed. */
  reloadConfig(options?: CallOptions): Promise<ConfigReloadResult> {
    return this.call(RpcMethods.DaemonReload, undefined, options);
  }

  /** `daemon.shutdown`: the daemon answers, then stops gracefully (its apps with it). */
  shutdown(options?: CallOptions): Promise<ShutdownResult> {
    return this.call(RpcMethods.DaemonShutdown, undefined, options);
  }

  /** `plugin.list`: every plugin in start order. */
  async plugins(options?: CallOptions): Promise<PluginSummary[]> {
    return (await this.call<PluginList>(RpcMethods.PluginList, undefined, options)).plugins;
  }

  /** `plugin.info`. */
  plugin(name: string, options?: CallOptions): Promise<PluginSummary> {
    return this.call(RpcMethods.PluginInfo, { name }, options);
  }

  /** `plugin.enable`: starts a disabled plugin. */
  enablePlugin(name: string, options?: CallOptions): Promise<PluginSummary> {
    return this.call(RpcMethods.PluginEnable, { name }, options);
  }

  /** `plugin.disable`: stops a plugin; its methods then answer that it is disabled. */
  disablePlugin(name: string, options?: CallOptions): Promise<PluginSummary> {
    return this.call(RpcMethods.PluginDisable, { name }, options);
  }

  /** Calls any method with its parameters and resolves with its result (for methods newer than this SDK). */
  async call<TResult = unknown>(method: string, params?: unknown, options?: CallOptions): Promise<TResult> {
    const transport = await this.transport();
    return (await transport.call(method, params, options?.timeoutMs ?? this.options.requestTimeoutMs, options?.signal)) as TResult;
  }

  // ---- internals ------------------------------------------------------------------------------

  private long<TResult>(method: string, params: unknown, options?: CallOptions): Promise<TResult> {
    return this.call(method, params, { ...options, timeoutMs: options?.timeoutMs ?? this.options.operationTimeoutMs });
  }

  private transport(): Promise<Transport> {
    if (this.connection?.connected === true) {
      return Promise.resolve(this.connection);
    }

    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  // OD_TRUST_DAEMON_UID and OD_TOKEN, as `od` reads them, unless the options say otherwise.
  private sharedDaemonTrust(): SharedDaemonTrust {
    const env = this.options.env ?? process.env;
    const uid = this.options.trustDaemonUid ?? (/^\d+$/.test(env.OD_TRUST_DAEMON_UID ?? '') ? Number(env.OD_TRUST_DAEMON_UID) : undefined);
    const token = this.options.token ?? (env.OD_TOKEN || undefined);
    return { ...(uid === undefined ? {} : { trustedUid: uid }), ...(token === undefined ? {} : { token }) };
  }

  private async open(): Promise<Transport> {
    const transport: Transport = this.options.url !== undefined
      ? new HttpTransport(this.options.url, this.options.token)
      : await IpcTransport.connect(this.address, this.options.connectTimeoutMs, undefined, this.sharedDaemonTrust());
    transport.once('close', (error?: OpenDaemonError) => {
      if (this.connection === transport) {
        this.connection = undefined;
      }

      this.emit('disconnect', error);
    });
    this.connection = transport;
    return transport;
  }

  private startParams(app: AppDefinition | ProcessStartParams | string): ProcessStartParams {
    const workingDirectory = this.options.cwd ?? process.cwd();
    if (typeof app === 'string') {
      return { target: app, workingDirectory };
    }

    if ('target' in app && typeof app.target === 'string') {
      return { ...(app as ProcessStartParams), workingDirectory: (app as ProcessStartParams).workingDirectory ?? workingDirectory };
    }

    const definition = app as AppDefinition;
    if (typeof definition.script !== 'string' || definition.script === '') {
      throw new OpenDaemonError(ErrorCode.INVALID_PARAMS, "start() needs a 'script' (or a config file path)", "for example od.start({ name: 'api', script: './app.js' })");
    }

    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(definition)) {
      if (!StartParameters.has(key) && value !== undefined) {
        fields[key] = value;
      }
    }

    return {
      target: definition.script,
      workingDirectory,
      name: definition.name,
      instances: definition.instances === undefined ? undefined : String(definition.instances),
      cwd: definition.cwd,
      interpreter: definition.interpreter,
      args: definition.args,
      fields: Object.keys(fields).length > 0 ? fields : undefined,
    };
  }

  // Ends a stream or subscription on the daemon's side; nothing to do when the connection is gone already.
  private async endQuietly(method: string, params: { streamId: number } | { subscriptionId: number } | undefined): Promise<void> {
    if (params === undefined || this.connection?.connected !== true) {
      return;
    }

    try {
      await this.call<LogUnstreamResult | EventUnsubscribeResult>(method, params);
    } catch (error) {
      if (this.connection?.connected === true) {
        throw error;
      }
    }
  }
}

function toTargets(targets: Targets): string[] {
  return (Array.isArray(targets) ? targets : [targets]).map(String);
}
