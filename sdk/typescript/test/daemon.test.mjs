// The SDK against a real daemon: the `od` apphost in a private OD_HOME, a real node app.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, OpenDaemon, OpenDaemonError } from '../dist/index.js';
import { TestDaemon, skipReason, tickerApp, waitFor, within } from './support/daemon.mjs';

test('connect without a daemon fails with DAEMON_NOT_RUNNING', async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'od-sdk-none-'));
  try {
    const od = new OpenDaemon({ env: { OD_HOME: home } });
    await assert.rejects(od.connect(), (error) => {
      assert.ok(error instanceof OpenDaemonError);
      assert.equal(error.code, ErrorCode.DAEMON_NOT_RUNNING);
      assert.match(error.message, /no daemon is running/);
      assert.match(error.hint, /od daemon start/);
      return true;
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

describe('against a real daemon', { skip: skipReason }, () => {
  let daemon;
  let od;
  let script;

  before(async () => {
    daemon = new TestDaemon();
    await daemon.start();
    script = daemon.write('ticker.js', tickerApp);
    od = new OpenDaemon({ env: daemon.env, cwd: daemon.home });
    await od.connect();
  });

  after(async () => {
    await od?.disconnect();
    await daemon?.dispose();
  });

  test('version, status and ping describe the daemon', async () => {
    const version = await od.version();
    assert.match(version.version, /\d+\.\d+/);
    const status = await od.status();
    assert.equal(status.home, daemon.home);
    assert.equal(status.state, 'running');
    assert.equal((await od.ping()).pong, true);
  });

  test('an unknown app is a typed PROCESS_NOT_FOUND error', async () => {
    await assert.rejects(od.info('no-such-app'), (error) => {
      assert.ok(error instanceof OpenDaemonError);
      assert.equal(error.code, ErrorCode.PROCESS_NOT_FOUND);
      assert.match(error.message, /no-such-app/);
      return true;
    });
    await assert.rejects(od.stop('no-such-app'), { code: 'PROCESS_NOT_FOUND' });
  });

  test('start, list, info, logs, metrics, restart, stop and delete an app', async () => {
    // start, as spec §9.1 writes it
    const started = await od.start({ name: 'ticker', script, instances: 1, env: { GREETING: 'hi' }, maxMemory: '200M' });
    assert.equal(started.processes.length, 1);
    assert.equal(started.processes[0].name, 'ticker');
    assert.equal(started.processes[0].status, 'online');
    const firstPid = started.processes[0].pid;
    assert.ok(firstPid > 0);

    // list and info
    const list = await od.list();
    assert.deepEqual(list.map((p) => [p.name, p.status]), [['ticker', 'online']]);
    const [detail] = await od.info('ticker');
    assert.equal(detail.summary.pid, firstPid);
    assert.ok(JSON.stringify(detail.config).includes('200'), JSON.stringify(detail.config)); // maxMemory reached the app
    assert.ok(detail.logs.out.startsWith(daemon.home));
    const env = await od.env('ticker');
    assert.equal(env.variables.find((v) => v.name === 'GREETING')?.value, 'hi');

    // follow logs as an async iterator: break ends the stream on the daemon's side too
    let tick;
    await within((async () => {
      for await (const entry of od.logs('ticker', { follow: true })) {
        if (entry.message.startsWith('tick ')) {
          tick = entry;
          break;
        }
      }
    })(), 'a followed log line');
    assert.equal(tick.processName, 'ticker');
    assert.equal(tick.source, 'stdout');
    assert.equal(tick.pid, firstPid);

    // follow logs as an event emitter
    const stream = od.logs('ticker', { follow: true });
    const line = await within(new Promise((resolve, reject) => {
      stream.on('data', (entry) => entry.message.startsWith('tick ') && resolve(entry));
      stream.on('error', reject);
    }), "a 'data' event");
    assert.equal(line.processName, 'ticker');
    const ended = new Promise((resolve) => stream.on('end', resolve));
    await stream.close();
    await within(ended, "the 'end' event");

    // recent logs: a search of the files, then the end (flushed first: the daemon buffers what it writes)
    await od.flushLogs('ticker');
    const recent = [];
    for await (const entry of od.logs('ticker', { lines: 5 })) {
      recent.push(entry);
    }

    assert.ok(recent.length > 0 && recent.length <= 5, `${recent.length} recent entries`);
    const page = await od.searchLogs({ targets: ['ticker'], grep: '^boot ', limit: 10 });
    assert.equal(page.entries[0].message, `boot ${firstPid}`);

    // metrics
    const metrics = await od.metrics();
    assert.ok(metrics.intervalMs > 0);
    assert.ok(Array.isArray(metrics.processes));

    // restart: a new run
    const restarted = await od.restart('ticker');
    assert.notEqual(restarted.processes[0].pid, firstPid);
    assert.equal(restarted.processes[0].restarts, 1);
    assert.equal(restarted.processes[0].status, 'online');

    // stop, delete
    const stopped = await od.stop('ticker');
    assert.equal(stopped.processes[0].status, 'stopped');
    assert.equal(stopped.processes[0].pid, undefined);
    await od.delete('ticker');
    assert.deepEqual(await od.list(), []);
  });

  test('events: process and app events of a start, restart, stop and delete arrive as they happen', async () => {
    const events = od.events(['process:*', 'app:*']);
    const seen = [];
    events.on('data', (event) => seen.push(event));
    await within(events.ready, 'the event subscription');
    const saw = (topic, predicate = () => true) =>
      waitFor(() => seen.find((e) => e.event === topic && e.data.name === 'events-app' && predicate(e)), `event ${topic}`);

    const started = await od.start({ name: 'events-app', script });
    const firstPid = started.processes[0].pid;
    await saw('app:added');
    const online = await saw('process:online', (e) => e.data.pid === firstPid);
    assert.ok(online.subscriptionId > 0);
    assert.ok(Date.parse(online.timestamp) > 0);
    assert.equal(online.data.state, 'online');

    const secondPid = (await od.restart('events-app')).processes[0].pid;
    await saw('process:online', (e) => e.data.pid === secondPid);
    await od.stop('events-app');
    await saw('process:stopped');
    await od.delete('events-app');
    await saw('app:removed');

    // the iterator form, and closing: no event after the end
    const iterated = od.events('process:*');
    const next = iterated[Symbol.asyncIterator]().next();
    await within(iterated.ready, 'the second subscription');
    await od.start({ name: 'events-app', script });
    const first = await within(next, 'an event from the iterator');
    assert.equal(first.value.data.name, 'events-app');
    await iterated.close();
    await events.close();
    assert.equal(events.ended, true);
    await od.delete('events-app');
  });

  test('the daemon stopping ends a stream with an error; later calls say DAEMON_NOT_RUNNING', async () => {
    const second = new TestDaemon();
    try {
      await second.start();
      const client = new OpenDaemon({ env: second.env });
      const logs = client.logs(undefined, { follow: true });
      await within(logs.ready, 'the log stream');
      const failed = new Promise((resolve) => logs.on('error', resolve));
      await second.od('daemon', 'stop');
      const error = await within(failed, "the stream's 'error'");
      assert.ok(error instanceof OpenDaemonError, String(error));
      assert.equal(error.code, ErrorCode.IPC_ERROR);
      await assert.rejects(client.ping(), { code: ErrorCode.DAEMON_NOT_RUNNING });
    } finally {
      await second.dispose();
    }
  });
});
