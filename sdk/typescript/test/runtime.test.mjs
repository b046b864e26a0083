// opendaemon/runtime: instruments, the lines the daemon reads (a stand-in daemon on a real Unix socket), and a
// real daemon exporting an app's series as Prometheus od_app_* families.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OpenDaemon } from '../dist/index.js';
import { TestDaemon, skipReason, waitFor, within } from './support/daemon.mjs';

const runtimeModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'runtime.js');

describe('against a stand-in daemon', () => {
  let directory;
  let server;
  let lines;
  let metrics;
  const connections = [];

  before(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'od-rt-'));
    const socketPath = path.join(directory, 'rt.sock');
    lines = [];
    server = net.createServer((connection) => {
      connections.push(connection);
      // A long interval: only reportNow() sends, so what each test reads is what it asked for.
      connection.write('{"intervalMs":600000}\n');
      let pending = '';
      connection.setEncoding('utf8');
      connection.on('data', (chunk) => {
        pending += chunk;
        let newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
          lines.push(JSON.parse(pending.slice(0, newline)));
          pending = pending.slice(newline + 1);
        }
      });
    });
    await new Promise((resolve) => server.listen(socketPath, resolve));
    process.env.OD_METRICS_SOCKET = socketPath;
    ({ metrics } = await import(runtimeModule));
  });

  after(() => {
    // The app's end is unref'd; the stand-in daemon's must go too, or this test process never exits.
    connections.forEach((connection) => connection.destroy());
    server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function report() {
    await waitFor(() => metrics.isReporting, 'the greeting', 30_000);
    const before = lines.length;
    await metrics.reportNow();
    return (await waitFor(() => lines.length > before && lines.at(-1), 'a report', 30_000)).metrics;
  }

  test('counters, gauges and histograms are sent as the daemon reads them', async () => {
    const requests = metrics.counter('http_requests', 'HTTP requests served.');
    requests.inc({ method: 'GET' });
    requests.inc({ method: 'GET' }, 2);
    requests.inc({ method: 'POST' });
    requests.inc();
    metrics.gauge('queue_depth').set(5);
    metrics.gauge('queue_depth').dec(2);
    const latency = metrics.histogram('latency_seconds', 'Request time.', { buckets: [0.1, 1] });
    latency.observe(0.05, { route: '/' });
    latency.observe(0.5, { route: '/' });
    latency.observe(7, { route: '/' });

    const sent = await report();

    const byLabels = (name, labels) => sent.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels));
    assert.deepEqual(byLabels('http_requests', { method: 'GET' }), { name: 'http_requests', type: 'counter', help: 'HTTP requests served.', labels: { method: 'GET' }, value: 3 });
    assert.equal(byLabels('http_requests', { method: 'POST' }).value, 1);
    assert.equal(byLabels('http_requests', undefined).value, 1);
    assert.deepEqual(byLabels('queue_depth', undefined), { name: 'queue_depth', type: 'gauge', value: 3 });
    assert.deepEqual(byLabels('latency_seconds', { route: '/' }), {
      name: 'latency_seconds', type: 'histogram', help: 'Request time.', labels: { route: '/' }, value: 0,
      buckets: [{ le: 0.1, count: 1 }, { le: 1, count: 2 }], sum: 7.55, count: 3,
    });
  });

  test('the same name gives the same instrument; misuse throws at once', () => {
    assert.equal(metrics.counter('same'), metrics.counter('same'));
    assert.throws(() => metrics.gauge('same'), /already a counter/);
    assert.throws(() => metrics.counter('neg').inc(-1), RangeError);
    assert.throws(() => metrics.gauge('nan').set(Number.NaN), RangeError);
    assert.throws(() => metrics.histogram('bad', '', { buckets: [1, 1] }), RangeError);
    assert.throws(() => metrics.counter(''), TypeError);
  });

  test('a histogram named in milliseconds gets millisecond buckets and timers', async () => {
    const timer = metrics.histogram('render_ms').startTimer();
    const elapsed = timer();

    const sent = (await report()).find((s) => s.name === 'render_ms');

    assert.equal(sent.buckets[0].le, 1);
    assert.equal(sent.count, 1);
    assert.ok(elapsed >= 0 && elapsed < 60_000, `elapsed ${elapsed} ms`);
  });

  test('more series than the daemon keeps are cut to its limit', async () => {
    const many = metrics.gauge('many');
    for (let i = 0; i < 600; i++) {
      many.set(i, { i });
    }

    const sent = await report();

    assert.equal(sent.length, 500);
  });
});

describe('against a real daemon', { skip: skipReason }, () => {
  let daemon;
  let od;

  before(async () => {
    daemon = new TestDaemon();
    await daemon.start();
    od = new OpenDaemon({ env: daemon.env, cwd: daemon.home });
    await od.connect();
  });

  after(async () => {
    await od?.disconnect();
    await daemon?.dispose();
  });

  test('an app\'s counter and histogram reach metric.snapshot and the Prometheus text', async () => {
    const script = daemon.write('shop.mjs', `
      import { metrics } from ${JSON.stringify(runtimeModule)};
      const orders = metrics.counter('orders_placed', 'Orders placed.');
      const took = metrics.histogram('checkout_seconds', 'Checkout time.', { buckets: [0.5, 1] });
      orders.inc({ region: 'eu' }, 5);
      took.observe(0.25);
      setInterval(() => {}, 1000);
      process.on('SIGTERM', () => process.exit(0));
    `);
    await od.start({ script, name: 'shop' });

    const row = await waitFor(async () => {
      const snapshot = await od.metrics(['shop']);
      return snapshot.processes.find((p) => p.custom?.some((s) => s.name === 'orders_placed'));
    }, 'the app\'s series in metric.snapshot');
    assert.deepEqual(row.custom.find((s) => s.name === 'orders_placed'),
      { name: 'orders_placed', type: 'counter', help: 'Orders placed.', labels: { region: 'eu' }, value: 5 });

    const text = (await within(od.metricsText(['shop']), 'metric.exposition')).text;
    assert.match(text, /^# TYPE od_app_orders_placed_total counter$/m);
    assert.match(text, /^od_app_orders_placed_total\{name="shop",[^}]*region="eu"\} 5$/m);
    assert.match(text, /^od_app_checkout_seconds_bucket\{name="shop",[^}]*le="0.5"\} 1$/m);
    assert.match(text, /^od_app_checkout_seconds_count\{name="shop",[^}]*\} 1$/m);
  });
});
