// The HTTP transport against a real HTTP server standing in for the daemon's REST API (spec §8.1): the
// requests it sends (verb, path, bearer token, body) and how it reads answers and errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, OpenDaemon, OpenDaemonError } from '../dist/index.js';

describe('over HTTP', () => {
  const requests = [];
  const upgrades = [];
  let server;
  let od;

  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        requests.push({ method: request.method, url: request.url, auth: request.headers.authorization, body: body === '' ? undefined : JSON.parse(body) });
        const reply = (status, value) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(value));
        };
        if (request.url === '/api/v1/processes/ghost') {
          reply(404, { error: { code: 'PROCESS_NOT_FOUND', message: "no app named 'ghost'", hint: "see 'od ls'" } });
        } else if (request.url === '/api/v1/processes' && request.method === 'GET') {
          reply(200, { processes: [{ id: 0, name: 'api', status: 'online' }] });
        } else if (request.url === '/api/v1/metrics') {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('od_up 1\n');
        } else {
          reply(200, { processes: [{ id: 0, name: 'api', status: 'online' }] });
        }
      });
    });
    // /ws: the handshake, then {"subscribed"} and one event per subscribed topic, as the daemon's API sends them.
    server.on('upgrade', (request, socket) => {
      const accept = createHash('sha1').update(request.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      upgrades.push(request.headers.authorization);
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socket.once('data', (frame) => {
        const length = frame[1] & 0x7f; // small frames only: 7-bit length, then the 4-byte mask
        const mask = frame.subarray(2, 6);
        const { subscribe } = JSON.parse(Buffer.from(frame.subarray(6, 6 + length).map((b, i) => b ^ mask[i & 3])).toString());
        const send = (value) => {
          const payload = Buffer.from(JSON.stringify(value));
          const header = payload.length < 126 ? Buffer.from([0x81, payload.length]) : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
          socket.write(Buffer.concat([header, payload]));
        };
        socket.on('data', () => socket.end()); // anything more is the client's close frame
        send({ subscribed: subscribe });
        for (const topic of subscribe) {
          if (topic.startsWith('log:')) {
            send({ event: topic, data: { level: 'debug', pid: 7, processName: 'api', message: 'hidden by level', source: 'stdout' } });
            send({ event: topic, data: { level: 'error', pid: 7, processName: 'api', message: 'disk full', source: 'stderr' } });
          } else {
            send({ event: 'process:online', timestamp: '2026-12-06T03:00:00Z', data: { name: 'api', pid: 42, state: 'online' } });
          }
        }
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    od = new OpenDaemon({ url: `http://127.0.0.1:${server.address().port}/`, token: 'secret-token', cwd: '/srv' });
  });

  after(async () => {
    await od.disconnect();
    await new Promise((resolve) => server.close(resolve));
  });

  test('maps calls onto the REST endpoints with the bearer token', async () => {
    requests.length = 0;
    assert.deepEqual((await od.list()).map((p) => p.name), ['api']);
    await od.start({ name: 'api', script: './app.js', instances: 2, maxMemory: '512M' });
    await od.restart(['api', 'worker']);
    await od.stop('api');
    await od.reload('api');
    await od.scale('api', '+1');
    await od.delete('api');
    await od.searchLogs({ targets: ['api'], limit: 10, level: 'warn' });
    const text = await od.metricsText();
    assert.equal(text.text, 'od_up 1\n');
    assert.deepEqual(requests.map((r) => `${r.method} ${r.url}`), [
      'GET /api/v1/processes',
      'POST /api/v1/processes',
      'PUT /api/v1/processes/api/restart',
      'PUT /api/v1/processes/worker/restart',
      'PUT /api/v1/processes/api/stop',
      'PUT /api/v1/processes/api/reload',
      'PUT /api/v1/processes/api/scale',
      'DELETE /api/v1/processes/api',
      'GET /api/v1/processes/api/logs?lines=10&level=warn',
      'GET /api/v1/metrics',
    ]);
    assert.ok(requests.every((r) => r.auth === 'Bearer secret-token'));
    assert.deepEqual(requests[1].body, {
      target: './app.js', workingDirectory: '/srv', name: 'api', instances: '2', fields: { maxMemory: '512M' },
    });
    assert.deepEqual(requests[6].body, { instances: '+1' });
  });

  test("reads the daemon's error body into a typed error", async () => {
    await assert.rejects(od.info('ghost'), (error) => {
      assert.ok(error instanceof OpenDaemonError);
      assert.equal(error.code, ErrorCode.PROCESS_NOT_FOUND);
      assert.equal(error.hint, "see 'od ls'");
      return true;
    });
  });

  test('says which calls need the socket', async () => {
    await assert.rejects(od.save(), { code: ErrorCode.METHOD_NOT_FOUND });
  });

  test('events and followed logs arrive over the WebSocket endpoint with the token', async () => {
    const events = od.events('process:*');
    const first = await events[Symbol.asyncIterator]().next();
    assert.equal(first.value.event, 'process:online');
    assert.equal(first.value.data.pid, 42);
    await events.close();
    assert.equal(events.ended, true);

    const logs = od.logs('api', { follow: true, level: 'warn' });
    const entry = await new Promise((resolve, reject) => {
      logs.on('data', resolve);
      logs.on('error', reject);
    });
    assert.equal(entry.message, 'disk full');
    await logs.close();
    assert.deepEqual(upgrades, ['Bearer secret-token', 'Bearer secret-token']);
  });

  test('an unreachable API is DAEMON_NOT_RUNNING', async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new OpenDaemon({ url: `http://127.0.0.1:${port}` });
    await assert.rejects(unreachable.list(), { code: ErrorCode.DAEMON_NOT_RUNNING });
  });
});
