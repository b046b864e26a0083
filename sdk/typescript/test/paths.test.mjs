import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveSocketPath } from '../dist/index.js';

const never = () => false;

test('OD_SOCKET wins, then OD_HOME', () => {
  assert.equal(resolveSocketPath({ env: { OD_SOCKET: '/s/od.sock', OD_HOME: '/h' }, platform: 'linux', uid: 1000 }), '/s/od.sock');
  assert.equal(resolveSocketPath({ env: { OD_HOME: '/h', XDG_RUNTIME_DIR: '/x' }, platform: 'linux', uid: 1000 }), '/h/daemon.sock');
});

test('the runtime directory follows the toolkit rules', () => {
  assert.equal(resolveSocketPath({ env: { XDG_RUNTIME_DIR: '/run/user/5' }, platform: 'linux', uid: 5 }), '/run/user/5/opendaemon/daemon.sock');
  assert.equal(resolveSocketPath({ env: { XDG_RUNTIME_DIR: 'relative' }, platform: 'linux', uid: 5, isWritableDirectory: (d) => d === '/run/user/5' }), '/run/user/5/opendaemon/daemon.sock');
  assert.equal(resolveSocketPath({ env: {}, platform: 'linux', uid: 0, isWritableDirectory: never }), '/run/opendaemon/daemon.sock');
  assert.equal(resolveSocketPath({ env: { TMPDIR: '/var/folders/x' }, platform: 'darwin', uid: 501, isWritableDirectory: never }), '/var/folders/x/opendaemon/daemon.sock');
  assert.equal(resolveSocketPath({ env: {}, platform: 'linux', uid: 1000, isWritableDirectory: never }), '/tmp/opendaemon-1000/daemon.sock');
});

test('Windows uses a named pipe, with a hash of OD_HOME when set', () => {
  assert.equal(resolveSocketPath({ env: {}, platform: 'win32' }), '\\\\.\\pipe\\opendaemon-daemon');
  assert.match(resolveSocketPath({ env: { OD_HOME: 'C:\\od' }, platform: 'win32' }), /^\\\\\.\\pipe\\opendaemon-daemon-[0-9a-f]{8}$/);
});
