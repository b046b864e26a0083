'use strict';
// OpenDaemon's runtime metrics for Node apps, loaded by `--require` (NODE_OPTIONS) before the app.
//
// It connects to the daemon's runtime socket (OD_METRICS_SOCKET), waits for the daemon to say how often
// it wants a report ({"intervalMs":N}), then writes one JSON line per interval: heap, event-loop delay
// percentiles and utilisation, active handles and requests, GC count and pause time. The daemon knows
// which app this is from the connection itself (the kernel's peer pid), so nothing here identifies it.
//
// It must never change what the app does: everything is unref'd (it never keeps the process alive),
// every failure is swallowed, a lost connection is retried quietly with a growing delay, and nothing
// is written to the app's stdout or stderr.
(function openDaemonRuntimeMetrics() {
  const socketPath = process.env.OD_METRICS_SOCKET;
  if (!socketPath || globalThis.__openDaemonRuntimeMetrics) {
    return;
  }
  globalThis.__openDaemonRuntimeMetrics = true;

  let net, perf;
  try {
    net = require('net');
    perf = require('perf_hooks');
  } catch {
    return;
  }

  // The histogram samples the loop with a timer of its own: at Node's default 10 ms it cost an idle app
  // ~0.12 % of a core (bench node-apps-100); 20 ms halves that and still gives 250 samples per 5 s report.
  const delay = perf.monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  let utilization = perf.performance.eventLoopUtilization();
  let gcCount = 0;
  let gcPauseMs = 0;
  try {
    const observer = new perf.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gcCount += 1;
        gcPauseMs += entry.duration;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
  } catch {
    // No GC figures on this runtime.
  }

  let socket = null;
  let timer = null;
  let retryMs = 1000;

  // JSON has no NaN: a figure the runtime cannot give yet is sent as 0, never as null.
  const finite = (value) => (Number.isFinite(value) ? value : 0);
  const ms = (nanoseconds) => finite(nanoseconds) / 1e6;
  const count = (read) => {
    try {
      return read().length;
    } catch {
      return undefined;
    }
  };

  function report() {
    if (!socket) {
      return;
    }
    try {
      const memory = process.memoryUsage();
      const now = perf.performance.eventLoopUtilization();
      const since = perf.performance.eventLoopUtilization(now, utilization);
      utilization = now;
      const line = JSON.stringify({
        heapTotal: memory.heapTotal,
        heapUsed: memory.heapUsed,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
        loopP50: ms(delay.percentile(50)),
        loopP95: ms(delay.percentile(95)),
        loopP99: ms(delay.percentile(99)),
        loopMax: ms(delay.max),
        loopUtilization: finite(since.utilization),
        handles: count(() => process._getActiveHandles()),
        requests: count(() => process._getActiveRequests()),
        gcCount,
        gcPauseMs: finite(gcPauseMs),
      });
      delay.reset();
      socket.write(line + '\n');
    } catch {
      // A report lost is better than an app disturbed.
    }
  }

  function retryLater() {
    socket = null;
    if (timer) {
      clearInterval(timer);
      timer = null;
    }
    const again = setTimeout(connect, retryMs);
    again.unref();
    retryMs = Math.min(retryMs * 2, 60000);
  }

  function connect() {
    let pending = '';
    let current;
    try {
      current = net.createConnection(socketPath);
    } catch {
      retryLater();
      return;
    }
    current.unref();
    current.setEncoding('utf8');
    current.on('error', () => {});
    current.on('close', () => {
      if (socket === current || socket === null) {
        retryLater();
      }
    });
    current.on('data', (chunk) => {
      pending += chunk;
      const newline = pending.indexOf('\n');
      if (newline < 0 || timer) {
        pending = pending.length > 4096 ? '' : pending;
        return;
      }
      try {
        const hello = JSON.parse(pending.slice(0, newline));
        const interval = Math.max(250, Number(hello.intervalMs) || 5000);
        socket = current;
        retryMs = 1000;
        timer = setInterval(report, interval);
        timer.unref();
      } catch {
        current.destroy();
      }
      pending = '';
    });
  }

  connect();
})();
