// A shared daemon of another user: the SDK refuses a socket another user owns unless told to trust that uid,
// and then answers the daemon's token challenge (frames 0x06/0x07 of spec §5.2) before its first request.
// The daemon is a stand-in on a real Unix socket whose file is chowned to another uid, which needs root.
import assert from 'node:assert/strict';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, OpenDaemon, OpenDaemonError } from '../dist/index.js';
import { FrameDecoder, FrameType, encodeFrame } from '../dist/frames.js';

const otherUid = 65534;
const skip = process.getuid?.() === 0 ? false : 'needs root: the stand-in socket is chowned to another user';

describe('a shared daemon of another user', { skip }, () => {
  let directory;
  let socketPath;
  let server;
  let challenge;
  const tokensSeen = [];

  before(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'od-shared-'));
    socketPath = path.join(directory, 'daemon.sock');
    server = net.createServer((connection) => {
      const decoder = new FrameDecoder(1 << 20);
      let authenticated = challenge === 'none';
      connection.write(encodeFrame(FrameType.AuthChallenge, JSON.stringify({ method: challenge })));
      connection.on('data', (chunk) => {
        for (const frame of decoder.push(chunk)) {
          const body = JSON.parse(frame.payload.toString('utf8'));
          if (frame.type === FrameType.AuthResponse) {
            tokensSeen.push(body.token);
            if (body.token === 'right') {
              authenticated = true;
              connection.write(encodeFrame(FrameType.Response, '{"jsonrpc":"2.0","id":null,"result":{"authenticated":true}}'));
            } else {
              connection.end(encodeFrame(FrameType.Response, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'the token was refused', data: { code: 'UNAUTHORIZED', message: 'the token was refused' } } })));
            }
          } else if (frame.type === FrameType.Request) {
            assert.ok(authenticated, 'a request before the handshake ended');
            connection.write(encodeFrame(FrameType.Response, JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { pong: true, version: 'stand-in', pid: 1, uptimeMs: 0 } })));
          }
        }
      });
      connection.on('error', () => {});
    });
    await new Promise((resolve) => server.listen(socketPath, resolve));
    chownSync(socketPath, otherUid, otherUid);
  });

  after(() => {
    server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function pingWith(options) {
    const od = new OpenDaemon({ socketPath, connectTimeoutMs: 10_000, env: {}, ...options });
    try {
      return await od.ping();
    } finally {
      await od.disconnect();
    }
  }

  test('not trusted: UNTRUSTED_DAEMON naming the variable that would trust it, nothing sent', async () => {
    challenge = 'token';
    const before = tokensSeen.length;
    await assert.rejects(pingWith({ token: 'right' }), (error) => {
      assert.ok(error instanceof OpenDaemonError);
      assert.equal(error.code, ErrorCode.UNTRUSTED_DAEMON);
      assert.match(error.hint, new RegExp(`OD_TRUST_DAEMON_UID=${otherUid}`));
      return true;
    });
    assert.equal(tokensSeen.length, before);
  });

  test('trusted, with the right token from OD_TOKEN: the handshake, then requests', async () => {
    challenge = 'token';
    const pong = await pingWith({ env: { OD_TRUST_DAEMON_UID: String(otherUid), OD_TOKEN: 'right' } });
    assert.equal(pong.version, 'stand-in');
    assert.equal(tokensSeen.at(-1), 'right');
  });

  test('trusted, with a wrong token: the daemon\'s UNAUTHORIZED', async () => {
    challenge = 'token';
    await assert.rejects(pingWith({ trustDaemonUid: otherUid, token: 'wrong' }), (error) => {
      assert.equal(error.code, ErrorCode.UNAUTHORIZED);
      assert.match(error.message, /refused/);
      return true;
    });
  });

  test('trusted, without a token: UNAUTHORIZED before anything is sent', async () => {
    challenge = 'token';
    const before = tokensSeen.length;
    await assert.rejects(pingWith({ trustDaemonUid: otherUid }), (error) => {
      assert.equal(error.code, ErrorCode.UNAUTHORIZED);
      assert.match(error.hint, /OD_TOKEN/);
      return true;
    });
    assert.equal(tokensSeen.length, before);
  });

  test('trusted, challenge "none": in without a token', async () => {
    challenge = 'none';
    const pong = await pingWith({ trustDaemonUid: otherUid });
    assert.equal(pong.version, 'stand-in');
  });
});
