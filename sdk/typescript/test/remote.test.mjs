// The SDK over the daemon's REST and WebSocket API (url + token) against a real daemon with `api:` on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, OpenDaemon, OpenDaemonError } from '../dist/index.js';
import { TestDaemon, skipReason, tickerApp, waitFor, within } from './support/daemon.mjs';

describe('over HTTP against a real daemon', { skip: skipReason }, () => {
  let daemon;
  let remote;
  let script;
  let url;
  let token;

  before(async () => {
    daemon = new TestDaemon();
    const config = daemon.write('api.yaml', [
      'apps:',
      '  - name: idle',
      '    script: /bin/sleep',
      '    args: ["600"]',
      'api:',
      '  listen: 127.0.0.1:0',
      '',
    ].join('\n'));
    await daemon.od('daemon', 'start', '--config', config);
    script = daemon.write('ticker.js', tickerApp);
    const local = new OpenDaemon({ env: daemon.env });
    url = (await local.status()).api;
    await local.disconnect();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    token = (await daemon.od('api', 'token')).trim();
    remote = new OpenDaemon({ url, token, cwd: daemon.home });
  });

  after(async () => {
    await remote?.disconnect();
    await daemon?.dispose();
  });

  test('a wrong token is UNAUTHORIZED', async () => {
    const stranger = new OpenDaemon({ url, token: 'not-the-token' });
    await assert.rejects(stranger.list(), (error) => {
      assert.ok(error instanceof OpenDaemonError);
      assert.equal(error.code, ErrorCode.UNAUTHORIZED);
      return true;
    });
  });

  test('start, list, info, follow logs and events, search, metrics, restart, stop and delete remotely', async () => {
    assert.equal((await remote.ping()).pong, true);
    assert.deepEqual((await remote.list()).map((p) => p.name), ['idle']);

    const events = remote.events(['process:*']);
    const seen = [];
    events.on('data', (event) => seen.push(event));
    await within(events.ready, 'the WebSocket subscription');

    const started = await remote.start({ name: 'remote', script });
    assert.equal(started.processes[0].status, 'online');
    const pid = started.processes[0].pid;
    await waitFor(() => seen.find((e) => e.event === 'process:online' && e.data.name === 'remote' && e.data.pid === pid), 'process:online over /ws');

    const [detail] = await remote.info('remote');
    assert.equal(detail.summary.pid, pid);
    assert.equal((await remote.status()).state, 'running');

    let tick;
    await within((async () => {
      for await (const entry of remote.logs('remote', { follow: true })) {
        if (entry.message.startsWith('tick ')) {
          tick = entry;
          break;
        }
      }
    })(), 'a log line over /ws');
    assert.equal(tick.processName, 'remote');

    const page = await waitFor(async () => {
      const result = await remote.searchLogs({ targets: ['remote'], limit: 5 });
      return result.entries.length > 0 && result;
    }, 'log entries over REST');
    assert.ok(page.entries.length <= 5);
    const metrics = await remote.metrics('remote');
    assert.ok(metrics.intervalMs > 0);
    assert.ok((await remote.metricsText()).text.length > 0);

    const restarted = await remote.restart('remote');
    assert.notEqual(restarted.processes[0].pid, pid);
    await waitFor(() => seen.find((e) => e.event === 'process:online' && e.data.pid === restarted.processes[0].pid), 'the restart over /ws');
    assert.equal((await remote.stop('remote')).processes[0].status, 'stopped');
    await remote.delete('remote');
    assert.deepEqual((await remote.list()).map((p) => p.name), ['idle']);
    await assert.rejects(remote.info('remote'), { code: ErrorCode.PROCESS_NOT_FOUND });
    await events.close();
  });

  test('lines printed together arrive as one batch message over /ws and come out of the follow one by one', async () => {
    // 300 lines in one write, every 300 ms: the daemon sends them as {"events": [...]} batches.
    const burst = daemon.write('burst.js', [
      'const block = Array.from({ length: 300 }, (_, i) => `burst ${i}`).join("\\n") + "\\n";',
      'setInterval(() => process.stdout.write(block), 300);',
      'process.on("SIGTERM", () => process.exit(0));',
    ].join('\n'));
    await remote.start({ name: 'burst', script: burst });
    const seen = [];
    await within((async () => {
      for await (const entry of remote.logs('burst', { follow: true })) {
        if (entry.message === 'burst 0' || seen.length > 0) {
          seen.push(entry);
        }

        if (seen.length === 300) {
          break;
        }
      }
    })(), '300 lines of one burst over /ws');
    assert.deepEqual(seen.map((e) => e.message), Array.from({ length: 300 }, (_, i) => `burst ${i}`));
    assert.ok(seen.every((e) => e.processName === 'burst' && e.source === 'stdout'));
    await remote.delete('burst');
  });
});
