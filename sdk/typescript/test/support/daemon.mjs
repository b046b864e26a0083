// A private OpenDaemon for the tests: its own OD_HOME (socket, PID file and logs inside it), the real `od`
// apphost (OD_BINARY, else the debug build under artifacts/), started with `od daemon start` and stopped
// with `od daemon stop`.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '..', '..', '..', '..');

/** The `od` executable under test, or undefined when none was built. */
// The end-to-end tests' output holds od and od-daemon side by side, as a release does.
export const odBinary = process.env.OD_BINARY ?? [
  path.join(repository, 'artifacts', 'bin', 'OpenDaemon.EndToEnd.Tests', 'debug', 'od'),
  path.join(repository, 'artifacts', 'release', 'od'),
].find((candidate) => existsSync(candidate));

/** Why the daemon tests cannot run here, or false. */
export const skipReason = odBinary === undefined || !existsSync(odBinary)
  ? 'no od binary: build the solution (dotnet build OpenDaemon.slnx) or set OD_BINARY'
  : false;

export class TestDaemon {
  constructor() {
    // Unix socket paths are limited to ~108 bytes: keep the home short.
    this.home = mkdtempSync(path.join(tmpdir(), 'od-sdk-'));
    this.env = { ...process.env, OD_HOME: this.home, NO_COLOR: '1' };
    delete this.env.OD_SOCKET;
  }

  /** Runs `od` to completion; rejects with its output when it fails. */
  od(...args) {
    return new Promise((resolve, reject) => {
      execFile(odBinary, args, { env: this.env, cwd: this.home, timeout: 120_000 }, (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`od ${args.join(' ')} failed (${error.code ?? error.signal}): ${stdout}${stderr}`));
        } else {
          resolve(stdout);
        }
      });
    });
  }

  start() {
    return this.od('daemon', 'start');
  }

  /** Writes a file into the home and returns its path. */
  write(name, text) {
    const file = path.join(this.home, name);
    writeFileSync(file, text);
    return file;
  }

  async dispose() {
    try {
      await this.od('daemon', 'stop');
    } catch (error) {
      if (existsSync(path.join(this.home, 'daemon.sock'))) {
        throw error; // a daemon still runs there
      }
    } finally {
      rmSync(this.home, { recursive: true, force: true });
    }
  }
}

/** Polls `condition` until it returns a truthy value, or fails naming `what` after `timeoutMs`. */
export async function waitFor(condition, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await condition();
    if (value) {
      return value;
    }

    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Rejects after `timeoutMs` naming `what`, unless `promise` settles first. */
export function within(promise, what, timeoutMs = 120_000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A node app that prints a line every 100 ms and exits cleanly on SIGINT/SIGTERM. */
export const tickerApp = `
let n = 0;
console.log('boot ' + process.pid);
setInterval(() => console.log('tick ' + (++n)), 100);
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
`;
