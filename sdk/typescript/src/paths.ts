import { createHash } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/** The product name the daemon's runtime directory is named after. */
const AppName = 'opendaemon';
const SocketFileName = 'daemon.sock';

/** What {@link resolveSocketPath} reads; every member is optional and defaults to the current process. */
export interface SocketPathOptions {
  /** Environment to read `OD_SOCKET`, `OD_HOME`, `XDG_RUNTIME_DIR` and `TMPDIR` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Platform rules to apply (default `process.platform`). */
  platform?: NodeJS.Platform;
  /** The user id (default `process.getuid()`). */
  uid?: number;
  /** Whether a directory exists and is writable (default: checks the file system). */
  isWritableDirectory?: (directory: string) => boolean;
}

/**
 * The daemon's socket, found exactly as `od` finds it (src/OpenDaemon.Ipc/Paths/DaemonPaths.cs):
 * `OD_SOCKET` if set; else `$OD_HOME/daemon.sock` if `OD_HOME` is set; else `daemon.sock` in the runtime
 * directory: `$XDG_RUNTIME_DIR/opendaemon/`, `/run/user/<uid>/opendaemon/` when writable, `/run/opendaemon/`
 * for root, `$TMPDIR/opendaemon/` on macOS, otherwise `${TMPDIR:-/tmp}/opendaemon-<uid>/`. On Windows, the
 * named pipe `\\.\pipe\opendaemon-daemon` (with a hash of `OD_HOME` when that is set).
 */
export function resolveSocketPath(options: SocketPathOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const windows = platform === 'win32';
  const pathApi = windows ? path.win32 : path.posix;

  const socketOverride = nonBlank(env.OD_SOCKET);
  if (socketOverride !== undefined) {
    return pathApi.resolve(socketOverride);
  }

  const home = nonBlank(env.OD_HOME);
  if (home !== undefined) {
    const directory = pathApi.resolve(home);
    return windows ? pipePath(`${AppName}-daemon-${shortHash(directory)}`) : pathApi.join(directory, SocketFileName);
  }

  if (windows) {
    return pipePath(`${AppName}-daemon`);
  }

  const uid = options.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
  return path.posix.join(runtimeDirectory(env, platform, uid, options.isWritableDirectory ?? isWritableDirectory), SocketFileName);
}

function runtimeDirectory(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  uid: number,
  writable: (directory: string) => boolean,
): string {
  // A relative XDG_RUNTIME_DIR is invalid per the XDG spec and must be ignored.
  const xdg = nonBlank(env.XDG_RUNTIME_DIR);
  if (xdg !== undefined && xdg.startsWith('/')) {
    return path.posix.join(xdg, AppName);
  }

  if (platform === 'linux') {
    const userRuntime = `/run/user/${uid}`;
    if (writable(userRuntime)) {
      return path.posix.join(userRuntime, AppName);
    }
  }

  if (uid === 0) {
    return path.posix.join(platform === 'linux' ? '/run' : '/var/run', AppName);
  }

  const tmp = nonBlank(env.TMPDIR);
  if (platform === 'darwin' && tmp !== undefined) {
    return path.posix.join(tmp, AppName);
  }

  return path.posix.join(tmp ?? '/tmp', `${AppName}-${uid}`);
}

function isWritableDirectory(directory: string): boolean {
  try {
    if (!statSync(directory).isDirectory()) {
      return false;
    }

    accessSync(directory, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function pipePath(name: string): string {
  return `\\\\.\\pipe\\${name}`;
}

function shortHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest().subarray(0, 4).toString('hex');
}
