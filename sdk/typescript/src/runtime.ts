// opendaemon/runtime: an app's own counters, gauges and histograms, sent to the OpenDaemon daemon that runs it.
//
// Overview. Instruments live in one registry per process; recording (inc, set, observe) only updates numbers in
// memory, synchronously, and never does I/O. The first instrument created opens a connection to the daemon's
// runtime socket (OD_METRICS_SOCKET, set by the daemon in every app it starts); the daemon greets it with the
// interval it wants ({"intervalMs":N}), and from then on a timer writes one JSON line with every series
// ({"metrics":[...]}) per interval. The daemon knows which app this is from the connection itself (the kernel's
// peer pid), so nothing here identifies it. Outside OpenDaemon (no OD_METRICS_SOCKET) instruments still count
// and nothing is sent.
//
// Like the runtime preload, it must never change what the app does: the socket and timers are unref'd (they
// never keep the process alive), every I/O failure is swallowed, a lost connection is retried quietly with a
// growing delay, and nothing is written to the app's stdout or stderr. Only misuse throws, at once, where
// the app can see it: a name reused with another type, a negative counter increment, a bad bucket list.
import * as net from 'node:net';

/** Label names and values of one series: `{ method: 'GET', status: 200 }`. */
export type Labels = Readonly<Record<string, string | number | boolean>>;

/** Options of a histogram. */
export interface HistogramOptions {
  /** Upper bounds of the buckets, ascending. Default: Prometheus' seconds buckets, or milliseconds ones when the name ends in `_ms`. */
  readonly buckets?: readonly number[];
}

// What the daemon keeps (CustomMetricRules): more is dropped there, so it is not sent.
const maxSeries = 500;
const maxLineBytes = 120 * 1024;
const secondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const millisecondsBuckets = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

type Kind = 'counter' | 'gauge' | 'histogram';

interface Series {
  readonly labels: Record<string, string> | undefined;
  value: number;
  counts?: number[];
  sum?: number;
  count?: number;
}

abstract class Instrument {
  private readonly series = new Map<string, Series>();

  protected constructor(
    readonly name: string,
    readonly help: string | undefined,
    readonly kind: Kind,
  ) {}

  protected seriesOf(labels: Labels | undefined): Series {
    const normalised = normalise(labels);
    const key = normalised === undefined ? '' : JSON.stringify(Object.entries(normalised).sort(([a], [b]) => (a < b ? -1 : 1)));
    let series = this.series.get(key);
    if (series === undefined) {
      series = this.newSeries(normalised);
      this.series.set(key, series);
    }
    return series;
  }

  protected newSeries(labels: Record<string, string> | undefined): Series {
    return { labels, value: 0 };
  }

  /** @internal The series as the daemon reads them. */
  toJson(): object[] {
    return [...this.series.values()].map((series) => ({
      name: this.name,
      type: this.kind,
      ...(this.help ? { help: this.help } : {}),
      ...(series.labels ? { labels: series.labels } : {}),
      ...this.values(series),
    }));
  }

  protected values(series: Series): object {
    return { value: series.value };
  }
}

/** A count that only goes up: requests served, jobs done. Exported as `od_app_<name>_total`. */
export class Counter extends Instrument {
  /** @internal */
  constructor(name: string, help: string | undefined) {
    super(name, help, 'counter');
  }

  /** Adds `value` (default 1) to the series of `labels`. */
  inc(labels?: Labels | number, value = 1): void {
    if (typeof labels === 'number') {
      [value, labels] = [labels, undefined];
    }
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`counter ${this.name}: an increment must be a finite number >= 0, not ${value}`);
    }
    this.seriesOf(labels).value += value;
  }
}

/** A value that goes up and down: connections open, queue depth. */
export class Gauge extends Instrument {
  /** @internal */
  constructor(name: string, help: string | undefined) {
    super(name, help, 'gauge');
  }

  /** Sets the series of `labels` to `value`. */
  set(value: number, labels?: Labels): void {
    this.seriesOf(labels).value = finite(this.name, value);
  }

  /** Adds `value` (default 1). */
  inc(value = 1, labels?: Labels): void {
    this.seriesOf(labels).value += finite(this.name, value);
  }

  /** Subtracts `value` (default 1). */
  dec(value = 1, labels?: Labels): void {
    this.seriesOf(labels).value -= finite(this.name, value);
  }
}

/** A distribution: request durations, payload sizes — counted in buckets, with their sum and count. */
export class Histogram extends Instrument {
  private readonly bounds: readonly number[];

  /** @internal */
  constructor(name: string, help: string | undefined, options: HistogramOptions | undefined) {
    super(name, help, 'histogram');
    const bounds = options?.buckets ?? (/_(ms|milliseconds)$/.test(name) ? millisecondsBuckets : secondsBuckets);
    if (bounds.length === 0 || bounds.length > 64 || bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]!))) {
      throw new RangeError(`histogram ${name}: buckets must be 1 to 64 finite numbers in ascending order`);
    }
    this.bounds = [...bounds];
  }

  /** Counts `value` in the series of `labels`. */
  observe(value: number, labels?: Labels): void {
    const series = this.seriesOf(labels);
    const observed = finite(this.name, value);
    const bucket = this.bounds.findIndex((bound) => observed <= bound);
    if (bucket >= 0) {
      series.counts![bucket]! += 1;
    }
    series.sum! += observed;
    series.count! += 1;
  }

  /** Starts a timer; calling what it returns observes the seconds elapsed (milliseconds when the name ends in `_ms`). */
  startTimer(labels?: Labels): () => number {
    const started = process.hrtime.bigint();
    const inMilliseconds = /_(ms|milliseconds)$/.test(this.name);
    return () => {
      const nanoseconds = Number(process.hrtime.bigint() - started);
      const elapsed = inMilliseconds ? nanoseconds / 1e6 : nanoseconds / 1e9;
      this.observe(elapsed, labels);
      return elapsed;
    };
  }

  protected override newSeries(labels: Record<string, string> | undefined): Series {
    return { labels, value: 0, counts: this.bounds.map(() => 0), sum: 0, count: 0 };
  }

  // The daemon wants cumulative bucket counts, without the +Inf bucket (that is `count`).
  protected override values(series: Series): object {
    let below = 0;
    const buckets = this.bounds.map((le, i) => ({ le, count: (below += series.counts![i]!) }));
    return { value: 0, buckets, sum: series.sum, count: series.count };
  }
}

function finite(name: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name}: a value must be a finite number, not ${value}`);
  }
  return value;
}

function normalise(labels: Labels | undefined): Record<string, string> | undefined {
  if (labels === undefined || labels === null) {
    return undefined;
  }
  const entries = Object.entries(labels);
  return entries.length === 0 ? undefined : Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
}

/** The process's instruments and its one connection to the daemon. */
class Registry {
  private readonly instruments = new Map<string, Instrument>();
  private socket: net.Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private connecting = false;
  private retryMs = 1000;

  counter(name: string, help?: string): Counter {
    return this.register(name, 'counter', () => new Counter(name, help)) as Counter;
  }

  gauge(name: string, help?: string): Gauge {
    return this.register(name, 'gauge', () => new Gauge(name, help)) as Gauge;
  }

  histogram(name: string, help?: string, options?: HistogramOptions): Histogram {
    return this.register(name, 'histogram', () => new Histogram(name, help, options)) as Histogram;
  }

  /** The line the next report sends: every series, cut to what the daemon keeps. */
  line(): string {
    const series = [...this.instruments.values()].flatMap((instrument) => instrument.toJson()).slice(0, maxSeries);
    let line = JSON.stringify({ metrics: series });
    while (Buffer.byteLength(line) > maxLineBytes && series.length > 0) {
      series.splice(Math.floor(series.length / 2));
      line = JSON.stringify({ metrics: series });
    }
    return line + '\n';
  }

  /** Sends a report now, when connected; resolves once it is written (or could not be). */
  reportNow(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined || this.instruments.size === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      try {
        socket.write(this.line(), () => resolve());
      } catch {
        resolve(); // a report lost is better than an app disturbed
      }
    });
  }

  /** True while a daemon has greeted this process and receives its reports. */
  get isReporting(): boolean {
    return this.socket !== undefined;
  }

  private register(name: string, kind: Kind, create: () => Instrument): Instrument {
    if (typeof name !== 'string' || name.trim() === '' || name.length > 128) {
      throw new TypeError(`a metric name must be a non-empty string of at most 128 characters, not ${JSON.stringify(name)}`);
    }
    const existing = this.instruments.get(name);
    if (existing !== undefined) {
      if (existing.kind !== kind) {
        throw new TypeError(`metric ${name} is already a ${existing.kind}`);
      }
      return existing;
    }
    const instrument = create();
    this.instruments.set(name, instrument);
    this.connect();
    return instrument;
  }

  private connect(): void {
    const path = process.env.OD_METRICS_SOCKET;
    if (!path || this.socket !== undefined || this.connecting) {
      return;
    }
    this.connecting = true;
    let pending = '';
    let current: net.Socket;
    try {
      current = net.createConnection(path);
    } catch {
      this.retryLater();
      return;
    }
    current.unref();
    current.setEncoding('utf8');
    current.on('error', () => {});
    current.on('close', () => {
      if (this.socket === current || this.connecting) {
        this.retryLater();
      }
    });
    current.on('data', (chunk: string) => {
      if (this.socket === current) {
        return; // the daemon says nothing after its greeting
      }
      pending += chunk;
      const newline = pending.indexOf('\n');
      if (newline < 0) {
        if (pending.length > 4096) {
          current.destroy();
        }
        return;
      }
      try {
        const greeting = JSON.parse(pending.slice(0, newline)) as { intervalMs?: unknown };
        const interval = Math.max(250, Number(greeting.intervalMs) || 5000);
        this.socket = current;
        this.connecting = false;
        this.retryMs = 1000;
        this.timer = setInterval(() => void this.reportNow(), interval);
        this.timer.unref();
      } catch {
        current.destroy();
      }
    });
  }

  private retryLater(): void {
    this.socket = undefined;
    this.connecting = false;
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    setTimeout(() => this.connect(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, 60000);
  }
}

const registry = new Registry();

/**
 * The app's own metrics, exported by the daemon as Prometheus `od_app_<name>` families with the app's labels.
 *
 * ```js
 * import { metrics } from 'opendaemon/runtime';
 * const requests = metrics.counter('http_requests', 'HTTP requests served.');
 * requests.inc({ method: 'GET' });
 * ```
 */
export const metrics = {
  /** The counter called `name`, created on first use. */
  counter: (name: string, help?: string): Counter => registry.counter(name, help),
  /** The gauge called `name`, created on first use. */
  gauge: (name: string, help?: string): Gauge => registry.gauge(name, help),
  /** The histogram called `name`, created on first use (its buckets are fixed then). */
  histogram: (name: string, help?: string, options?: HistogramOptions): Histogram => registry.histogram(name, help, options),
  /** Sends a report at once instead of at the next interval, e.g. before the process exits. */
  reportNow: (): Promise<void> => registry.reportNow(),
  /** True while the daemon that runs this app receives its reports. */
  get isReporting(): boolean {
    return registry.isReporting;
  },
};
