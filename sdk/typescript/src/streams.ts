import type { EventNotification, EventSubscription, LogEntry, LogSearchParams, LogStreamStarted } from './contracts.js';
import type { OpenDaemonError } from './errors.js';
import { HttpTransport } from './http-transport.js';
import { LiveStream } from './live-stream.js';
import { RpcMethods } from './methods.js';
import type { CallOptions } from './options.js';
import type { Transport } from './transport.js';

// The live streams of the client: log following, recent logs and event subscriptions, over the socket
// (binary frames and notifications on the client's connection, sorted by stream or subscription id) or
// over the API's WebSocket (one connection per stream). Each ends on the daemon's side when it is closed.

/** @internal What the streams need of the client. */
export interface StreamHost {
  transport(): Promise<Transport>;
  call<TResult>(method: string, params?: unknown, options?: CallOptions): Promise<TResult>;
  readLogs(parameters: LogSearchParams, options?: CallOptions): AsyncGenerator<LogEntry>;
  /** Ends a stream or subscription on the daemon's side; nothing to do when the connection is gone. */
  endQuietly(method: string, params: { streamId: number } | { subscriptionId: number } | undefined): Promise<void>;
}

export function subscribeEvents(host: StreamHost, patterns: string[]): LiveStream<EventNotification> {
  let subscriptionId: number | undefined;
  let detach = (): void => undefined;
  const stream: LiveStream<EventNotification> = new LiveStream(async () => {
    detach();
    await host.endQuietly(RpcMethods.EventUnsubscribe, subscriptionId === undefined ? undefined : { subscriptionId });
  });
  void (async () => {
    const transport = await host.transport();
    if (transport instanceof HttpTransport) {
      detach = remote(transport, patterns, stream, (message) => message as unknown as EventNotification);
      return;
    }

    const early: EventNotification[] = [];
    const deliver = (event: EventNotification): void => {
      stream.push(event);
      if (event.event === 'subscription:closed') {
        detach();
        stream.end();
      }
    };
    const onNotification = (method: string, params: unknown): void => {
      if (method !== 'event' || params === null || typeof params !== 'object') {
        return;
      }

      const event = params as EventNotification;
      if (subscriptionId === undefined) {
        early.push(event); // may come before the answer that names the subscription
      } else if (event.subscriptionId === subscriptionId) {
        deliver(event);
      }
    };
    detach = attach(transport, stream, 'notification', onNotification);
    const subscription = await host.call<EventSubscription>(RpcMethods.EventSubscribe, { topics: patterns });
    subscriptionId = subscription.subscriptionId;
    if (stream.ended) {
      await host.endQuietly(RpcMethods.EventUnsubscribe, { subscriptionId });
      return;
    }

    stream.started();
    early.filter((event) => event.subscriptionId === subscriptionId).forEach(deliver);
  })().catch((error: unknown) => {
    detach();
    stream.fail(error);
  });
  return stream;
}

export function recentLogs(host: StreamHost, filters: Record<string, unknown>, lines: number): LiveStream<LogEntry> {
  const controller = new AbortController();
  const stream = new LiveStream<LogEntry>(async () => controller.abort());
  void (async () => {
    stream.started();
    // The search starts at the lines-th newest entry and pages on to the end of the files, which may have
    // grown meanwhile: the first `lines` entries are the recent ones asked for.
    let delivered = 0;
    for await (const entry of host.readLogs({ ...filters, limit: lines }, { signal: controller.signal })) {
      if (stream.ended) {
        return;
      }

      stream.push(entry);
      if (++delivered >= lines) {
        break;
      }
    }

    stream.end();
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) {
      stream.fail(error);
    }
  });
  return stream;
}

export function followLogs(host: StreamHost, filters: Record<string, unknown>, lines: number): LiveStream<LogEntry> {
  let streamId: number | undefined;
  let detach = (): void => undefined;
  const stream: LiveStream<LogEntry> = new LiveStream(async () => {
    detach();
    await host.endQuietly(RpcMethods.LogUnstream, streamId === undefined ? undefined : { streamId });
  });
  void (async () => {
    const transport = await host.transport();
    if (transport instanceof HttpTransport) {
      const targets = (filters.targets as string[]).filter((target) => target !== 'all');
      const topics = targets.length === 0 ? ['log:*'] : targets.map((target) => `log:${target}`);
      const matches = remoteLogFilter(filters);
      detach = remote(transport, topics, stream, (message) => {
        if (message.event === SkippedEvent) {
          return skippedEntry(message); // whatever the filters: the follower must know lines are missing
        }

        const entry = message.data as LogEntry;
        return matches(entry) ? entry : undefined;
      });
      return;
    }

    // Frames can come before the answer that names the stream: keep them until its id is known.
    const early: Buffer[] = [];
    const deliver = (frame: Buffer): void => {
      for (const entry of readEntries(frame)) {
        stream.push(entry);
      }
    };
    detach = attach(transport, stream, 'binary', (frame: Buffer) => {
      if (frame.length < 4) {
        return;
      }

      if (streamId === undefined) {
        early.push(frame);
      } else if (frame.readInt32BE(0) === streamId) {
        deliver(frame);
      }
    });
    if (lines > 0) {
      for await (const entry of host.readLogs({ ...filters, limit: lines })) {
        stream.push(entry);
      }
    }

    const started = await host.call<LogStreamStarted>(RpcMethods.LogStream, filters);
    streamId = started.streamId;
    if (stream.ended) {
      await host.endQuietly(RpcMethods.LogUnstream, { streamId });
      return;
    }

    stream.started();
    early.filter((frame) => frame.readInt32BE(0) === streamId).forEach(deliver);
  })().catch((error: unknown) => {
    detach();
    stream.fail(error);
  });
  return stream;
}

// Listens on the transport for a stream; the connection closing ends the stream (an error unless this
// client disconnected on purpose). Returns what removes both listeners.
// The listener takes the event's own arguments (method and params, or a frame).
function attach<T>(transport: Transport, stream: LiveStream<T>, event: 'binary' | 'notification', listener: (...args: any[]) => void): () => void {
  const onClose = (error?: OpenDaemonError): void => {
    transport.off(event, listener);
    if (error !== undefined) {
      stream.fail(error);
    } else {
      stream.end();
    }
  };
  transport.on(event, listener);
  transport.once('close', onClose);
  return () => {
    transport.off(event, listener);
    transport.off('close', onClose);
  };
}

// A stream over the API's WebSocket: one connection per stream, ended by closing it. The daemon closing it
// with a reason (the subscriber fell behind) ends the stream after a `subscription:closed` item for events.
function remote<T>(transport: HttpTransport, topics: string[], stream: LiveStream<T>, read: (message: Record<string, unknown>) => T | undefined): () => void {
  const subscription = transport.subscribe(topics);
  subscription.on('ready', () => stream.started());
  subscription.on('message', (message: Record<string, unknown>) => {
    const item = read({ subscriptionId: 0, ...message });
    if (item !== undefined) {
      stream.push(item);
    }
  });
  subscription.on('error', (error: unknown) => {
    stream.fail(error);
    subscription.close();
  });
  subscription.on('close', (reason?: string) => {
    if (reason !== undefined && reason !== '' && topics.every((topic) => !topic.startsWith('log:'))) {
      stream.push(read({ subscriptionId: 0, event: 'subscription:closed', timestamp: new Date().toISOString(), data: { reason } }) as T);
    }

    stream.end();
  });
  return () => subscription.close();
}

// Lines the daemon did not send because this client read too slowly: an entry that says so, as the Unix socket's
// follow gives it ({"app", "lines", "message"} in the notice's data).
const SkippedEvent = 'logs:skipped';

function skippedEntry(message: Record<string, unknown>): LogEntry {
  const data = (message.data ?? {}) as Record<string, unknown>;
  return {
    timestamp: message.timestamp as LogEntry['timestamp'],
    level: 'warn',
    pid: 0,
    processName: 'od',
    message: typeof data.message === 'string' ? data.message : `${String(data.lines)} log lines of ${String(data.app)} were not sent to this follower`,
    source: 'stderr',
  };
}

const LevelRanks: Record<string, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

// The WebSocket's log:<app> topics carry every entry: the level, grep and source filters apply here (grep as a
// JavaScript regular expression, which agrees with .NET's on common patterns).
function remoteLogFilter(filters: Record<string, unknown>): (entry: LogEntry) => boolean {
  const least = typeof filters.level === 'string' ? (LevelRanks[filters.level] ?? 0) : 0;
  const grep = typeof filters.grep === 'string' ? new RegExp(filters.grep) : undefined;
  const source = typeof filters.source === 'string' ? filters.source : undefined;
  return (entry) =>
    (LevelRanks[entry.level] ?? 0) >= least
    && (grep === undefined || grep.test(entry.message))
    && (source === undefined || entry.source === source);
}

function readEntries(frame: Buffer): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of frame.subarray(4).toString('utf8').split('\n')) {
    if (line.length > 0) {
      entries.push(JSON.parse(line) as LogEntry);
    }
  }

  return entries;
}
