import { EventEmitter } from 'node:events';
import { ErrorCode, OpenDaemonError, errorFromInfo } from './errors.js';
import { RpcMethods } from './methods.js';
import type { Transport } from './transport.js';
import { WebSocketSubscription } from './websocket.js';

/** One REST call: verb, path under `/api/v1`, optional JSON body, and how to read the answer. */
interface Route {
  verb: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  text?: boolean;
}

type Params = Record<string, unknown> | undefined;

/**
 * The daemon's REST API (spec §8.1) for remote use: each JSON-RPC call of the client maps onto an endpoint
 * under `/api/v1`, with `Authorization: Bearer <token>`. Calls on several targets become one request per
 * target, their answers merged. Methods without an endpoint fail with METHOD_NOT_FOUND, saying so. Events and
 * log following go over the WebSocket endpoint `/ws` ({@link subscribe}).
 */
export class HttpTransport extends EventEmitter implements Transport {
  readonly address: string;
  private open = true;

  constructor(url: string, private readonly token?: string) {
    super();
    this.setMaxListeners(0);
    this.address = url.replace(/\/+$/, '');
  }

  get connected(): boolean {
    return this.open;
  }

  async call(method: string, params: unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    if (!this.open) {
      throw new OpenDaemonError(ErrorCode.IPC_ERROR, 'the connection was closed by this client');
    }

    const p = params as Params;
    const perTarget = (build: (target: string) => Route): Promise<unknown> => this.eachTarget(p, build, timeoutMs, signal);
    switch (method) {
      case RpcMethods.DaemonPing:
        await this.send({ verb: 'GET', path: '/health' }, timeoutMs, signal);
        return { pong: true, time: new Date().toISOString() };
      case RpcMethods.DaemonStatus:
        return this.send({ verb: 'GET', path: '/daemon/status' }, timeoutMs, signal);
      case RpcMethods.DaemonReload:
        return this.send({ verb: 'POST', path: '/daemon/reload' }, timeoutMs, signal);
      case RpcMethods.ProcessList:
        return this.send({ verb: 'GET', path: '/processes' }, timeoutMs, signal);
      case RpcMethods.ProcessStart:
        return this.send({ verb: 'POST', path: '/processes', body: p }, timeoutMs, signal);
      case RpcMethods.ProcessInfo:
        return perTarget((target) => ({ verb: 'GET', path: `/processes/${encodeURIComponent(target)}` }));
      case RpcMethods.ProcessStop:
        return perTarget((target) => ({ verb: 'PUT', path: `/processes/${encodeURIComponent(target)}/stop` }));
      case RpcMethods.ProcessRestart:
        return perTarget((target) => ({ verb: 'PUT', path: `/processes/${encodeURIComponent(target)}/restart`, body: withoutTargets(p) }));
      case RpcMethods.ProcessReload:
        return perTarget((target) => ({ verb: 'PUT', path: `/processes/${encodeURIComponent(target)}/reload`, body: withoutTargets(p) }));
      case RpcMethods.ProcessDelete:
        return perTarget((target) => ({ verb: 'DELETE', path: `/processes/${encodeURIComponent(target)}` }));
      case RpcMethods.ProcessScale:
        return this.send({ verb: 'PUT', path: `/processes/${encodeURIComponent(String(p?.target))}/scale`, body: { instances: p?.instances } }, timeoutMs, signal);
      case RpcMethods.LogSearch: {
        // The API names log.search's `limit` as `lines`, as `od logs --lines` does.
        const { limit, ...filters } = withoutTargets(p) ?? {};
        return this.send({ verb: 'GET', path: `/processes/${encodeURIComponent(single(method, p))}/logs${query({ lines: limit, ...filters })}` }, timeoutMs, signal);
      }
      case RpcMethods.MetricSnapshot:
        return this.send({ verb: 'GET', path: `/processes/${encodeURIComponent(single(method, p))}/metrics` }, timeoutMs, signal);
      case RpcMethods.MetricHistory: {
        // History is the metrics endpoint with a range (durations in milliseconds: `1500ms`); the whole
        // retention by default, which the latest pass states.
        const app = encodeURIComponent(single(method, p));
        const rangeMs = typeof p?.rangeMs === 'number'
          ? p.rangeMs
          : ((await this.send({ verb: 'GET', path: `/processes/${app}/metrics` }, timeoutMs, signal)) as { retentionMs: number }).retentionMs;
        const range = `${Math.round(rangeMs)}ms`;
        const step = typeof p?.stepMs === 'number' ? `${Math.round(p.stepMs)}ms` : undefined;
        return this.send({ verb: 'GET', path: `/processes/${app}/metrics${query({ range, step })}` }, timeoutMs, signal);
      }
      case RpcMethods.MetricExposition: {
        const text = (await this.send({ verb: 'GET', path: '/metrics', text: true }, timeoutMs, signal)) as string;
        return { contentType: 'text/plain; version=0.0.4', text, intervalMs: 0 };
      }
      default:
        throw new OpenDaemonError(
          ErrorCode.METHOD_NOT_FOUND,
          `${method} is not available over the HTTP API`,
          method === RpcMethods.LogStream || method === RpcMethods.EventSubscribe
            ? 'use logs(..., { follow: true }) and events(), which use the WebSocket endpoint /ws'
            : "on the daemon's machine, connect over the socket (new OpenDaemon() without url)",
        );
    }
  }

  /** Opens a WebSocket subscription to `topics` (`process:*`, `log:api`, ...) with this transport's token. */
  subscribe(topics: string[]): WebSocketSubscription {
    const subscription = new WebSocketSubscription(this.address, this.token, topics);
    this.once('close', () => subscription.close());
    return subscription;
  }

  close(): Promise<void> {
    if (this.open) {
      this.open = false;
      this.emit('close', undefined);
    }

    return Promise.resolve();
  }

  private async eachTarget(p: Params, build: (target: string) => Route, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    const targets = Array.isArray(p?.targets) ? (p.targets as unknown[]).map(String) : [];
    if (targets.length === 0) {
      throw new OpenDaemonError(ErrorCode.INVALID_PARAMS, 'name at least one app');
    }

    // process.list's and process.info's answers hold a `processes` list: the answers of several targets merge.
    const merged: { processes: unknown[]; notes?: string[] } = { processes: [] };
    for (const target of targets) {
      const answer = (await this.send(build(target), timeoutMs, signal)) as { processes?: unknown[]; notes?: string[] };
      merged.processes.push(...(answer?.processes ?? []));
      if (answer?.notes !== undefined) {
        merged.notes = [...(merged.notes ?? []), ...answer.notes];
      }
    }

    return merged;
  }

  private async send(route: Route, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = { accept: route.text === true ? 'text/plain' : 'application/json' };
    if (this.token !== undefined) {
      headers.authorization = `Bearer ${this.token}`;
    }

    if (route.body !== undefined) {
      headers['content-type'] = 'application/json';
    }

    const timeout = AbortSignal.timeout(timeoutMs);
    const url = `${this.address}/api/v1${route.path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: route.verb,
        headers,
        body: route.body === undefined ? undefined : JSON.stringify(route.body),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (signal?.aborted === true) {
        throw signal.reason;
      }

      if (timeout.aborted) {
        throw new OpenDaemonError(ErrorCode.IPC_TIMEOUT, `the daemon's API did not answer ${route.verb} ${route.path} within ${timeoutMs / 1000}s`);
      }

      throw new OpenDaemonError(ErrorCode.DAEMON_NOT_RUNNING, `cannot reach the daemon's API at ${this.address}: ${causeOf(error)}`, "check the url, and that the daemon runs with 'api.listen' set", { cause: error });
    }

    const body = await response.text();
    if (!response.ok) {
      throw httpError(response, body, route);
    }

    if (route.text === true) {
      return body;
    }

    try {
      return body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      throw new OpenDaemonError(ErrorCode.IPC_ERROR, `the daemon's API answered ${route.verb} ${route.path} with something other than JSON`, undefined, { cause: error });
    }
  }
}

function httpError(response: Response, body: string, route: Route): OpenDaemonError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }

  const typed = errorFromInfo(parsed);
  if (typed !== undefined) {
    return typed;
  }

  const what = `${route.verb} ${route.path} answered HTTP ${response.status}`;
  switch (response.status) {
    case 401:
      return new OpenDaemonError(ErrorCode.UNAUTHORIZED, `${what}: the token was refused`, "pass the daemon's token ('od api token') as the token option");
    case 403:
      return new OpenDaemonError(ErrorCode.PERMISSION_DENIED, what);
    case 404:
      return new OpenDaemonError(ErrorCode.PROCESS_NOT_FOUND, what);
    case 429:
      return new OpenDaemonError(ErrorCode.RATE_LIMITED, `${what}: too many requests`, `retry after ${response.headers.get('retry-after') ?? 'a few'} s`);
    case 503:
      return new OpenDaemonError(ErrorCode.DAEMON_STOPPING, `${what}: the daemon is stopping`);
    default:
      return new OpenDaemonError(ErrorCode.IPC_ERROR, what);
  }
}

function single(method: string, p: Params): string {
  const targets = Array.isArray(p?.targets) ? (p.targets as unknown[]).map(String) : [];
  if (targets.length !== 1) {
    throw new OpenDaemonError(ErrorCode.INVALID_PARAMS, `${method} over the HTTP API takes exactly one app`, 'name one app, or connect over the socket');
  }

  return targets[0]!;
}

function withoutTargets(p: Params): Record<string, unknown> | undefined {
  if (p === undefined) {
    return undefined;
  }

  const { targets: _targets, ...rest } = p;
  const defined = Object.entries(rest).filter(([, value]) => value !== undefined);
  return defined.length === 0 ? undefined : Object.fromEntries(defined);
}

function query(p: Record<string, unknown> | undefined): string {
  const entries = Object.entries(p ?? {}).filter(([, value]) => value !== undefined && value !== null);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)])).toString()}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
