// `npm pack` makes an installable package: packed, installed into an empty project, imported from JavaScript,
// and type-checked from TypeScript as a user's code would be.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';

const run = promisify(execFile);
const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack gives a package that installs, imports and type-checks', async () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'od-sdk-pack-'));
  try {
    const { stdout } = await run(npm, ['pack', '--pack-destination', directory, '--silent'], { cwd: sdk, timeout: 180_000 });
    const tarball = path.join(directory, stdout.trim().split('\n').pop());
    const project = path.join(directory, 'user');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
    // No dependencies, so nothing needs the registry.
    await run(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, timeout: 180_000 });

    writeFileSync(path.join(project, 'use.mjs'), `
      import { OpenDaemon, OpenDaemonError, ErrorCode } from 'opendaemon';
      const od = new OpenDaemon({ env: { OD_HOME: ${JSON.stringify(path.join(directory, 'no-daemon'))} } });
      try { await od.list(); } catch (error) { console.log(error instanceof OpenDaemonError, error.code === ErrorCode.DAEMON_NOT_RUNNING); }
    `);
    const used = await run(process.execPath, ['use.mjs'], { cwd: project, timeout: 60_000 });
    assert.equal(used.stdout.trim(), 'true true');

    // opendaemon/runtime from an ES module and from CommonJS (require of an ES module, Node >= 20.19),
    // outside a daemon: instruments count, nothing is sent.
    writeFileSync(path.join(project, 'metrics.mjs'), `
      import { metrics } from 'opendaemon/runtime';
      metrics.counter('jobs', 'Jobs done.').inc({ queue: 'mail' });
      console.log(metrics.isReporting);
    `);
    writeFileSync(path.join(project, 'metrics.cjs'), `
      const { metrics } = require('opendaemon/runtime');
      metrics.gauge('depth').set(3);
      console.log(metrics.isReporting);
    `);
    for (const file of ['metrics.mjs', 'metrics.cjs']) {
      const metrics = await run(process.execPath, [file], { cwd: project, timeout: 60_000 });
      assert.equal(metrics.stdout.trim(), 'false', file);
    }

    writeFileSync(path.join(project, 'use.ts'), `
      import { OpenDaemon, OpenDaemonError, type ProcessSummary, type EventNotification, type ProcessEvent } from 'opendaemon';
      import { metrics } from 'opendaemon/runtime';
      export async function main(): Promise<number> {
        const od = new OpenDaemon({ requestTimeoutMs: 1000 });
        const rows: ProcessSummary[] = await od.list();
        for await (const event of od.events('process:*')) {
          const typed: EventNotification = event;
          const data = typed.data as ProcessEvent;
          console.log(data.name, data.state);
        }
        return rows.length + (new OpenDaemonError('X', 'y').hint?.length ?? 0);
      }
      export function observe(): void {
        const timer: () => number = metrics.histogram('request_seconds', 'Request time.', { buckets: [0.1, 1] }).startTimer({ route: '/' });
        timer();
      }
    `);
    const tsc = path.join(sdk, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [
      tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--typeRoots', path.join(sdk, 'node_modules', '@types'), '--types', 'node', 'use.ts',
    ], { cwd: project, timeout: 120_000 });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
