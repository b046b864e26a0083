// The app of the api scenario's WebSocket fan-out: prints LINES lines at about RATE lines per second,
// then exits 0. Usage: node log_burst.js LINES RATE INDEX STAMPDIR
//
// Lines are those of log_spam.js ("BENCHLINE <INDEX> <SEQ> <padding>", ~40 bytes) so
// bench/tools/log_count.py counts them; before the first line it writes its start time into
// STAMPDIR/<INDEX> (performance.timeOrigin, wall clock ms) as log_spam.js does. Every 10 ms it writes,
// in one write, the lines due by then (elapsed time × RATE), so it catches up after a late tick and
// never runs ahead of the rate; stdout is a pipe, written synchronously: a manager that reads slowly
// slows it down, which the capture throughput then shows.
"use strict";
const fs = require("fs");
const { performance } = require("perf_hooks");
const lines = Number(process.argv[2]);
const rate = Number(process.argv[3]);
const index = process.argv[4];
fs.writeFileSync(`${process.argv[5]}/${index}`, `${performance.timeOrigin}\n`);
const prefix = `BENCHLINE ${index} `;
const pad = " the quick brown fox";
const started = performance.now();
let seq = 0;
function tick() {
  const due = Math.min(lines, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
  if (due > seq) {
    const chunk = [];
    while (seq < due) chunk.push(prefix + seq++ + pad);
    process.stdout.write(chunk.join("\n") + "\n");
  }
  if (seq < lines) setTimeout(tick, 10);
}
tick();
