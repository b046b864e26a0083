// The app of the log-throughput scenario: prints LINES short lines to stdout as fast as it can,
// then exits 0. Usage: node log_spam.js LINES INDEX STAMPDIR
//
// Every line is "BENCHLINE <INDEX> <SEQ> <padding>" (about 40 bytes); bench/tools/log_count.py
// finds them by that marker whatever a manager wraps around them (timestamps, JSON). The lines go
// out in writes of 2,000 lines (~80 kB), the way a busy app's buffered logger writes; stdout is a
// pipe, which Node writes synchronously on Linux, so nothing is pending when it exits.
// Before the first line it writes its start time into STAMPDIR/<INDEX>: performance.timeOrigin,
// the process's start on the wall clock (ms, fractional), the same clock as file mtimes.
"use strict";
const fs = require("fs");
const { performance } = require("perf_hooks");
const lines = Number(process.argv[2]);
const index = process.argv[3];
fs.writeFileSync(`${process.argv[4]}/${index}`, `${performance.timeOrigin}\n`);
const prefix = `BENCHLINE ${index} `;
const pad = " the quick brown fox";
let chunk = [];
for (let seq = 0; seq < lines; seq++) {
  chunk.push(prefix + seq + pad);
  if (chunk.length === 2000) {
    process.stdout.write(chunk.join("\n") + "\n");
    chunk = [];
  }
}
if (chunk.length) process.stdout.write(chunk.join("\n") + "\n");
