// The log spammer of the soak scenario: prints numbered lines at about RATE bytes per second for
// SECONDS, then writes the number of lines it printed to COUNTFILE and idles (so it is not restarted).
// Usage: node log_rate.js RATE SECONDS COUNTFILE. Lines: "BENCHLINE 0 <seq> <padding>" (~100 bytes).
"use strict";
const fs = require("fs");
const [rate, seconds, countFile] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const pad = " ".padEnd(80, "x");
const perTick = Math.max(1, Math.round(rate / 10 / 100)); // 10 ticks a second, ~100-byte lines
let seq = 0;
const end = Date.now() + seconds * 1000;
const timer = setInterval(() => {
  const lines = [];
  for (let i = 0; i < perTick; i++) lines.push(`BENCHLINE 0 ${seq++}${pad}`);
  process.stdout.write(lines.join("\n") + "\n");
  if (Date.now() >= end) {
    clearInterval(timer);
    fs.writeFileSync(countFile, `${seq}\n`);
    setInterval(() => {}, 1 << 30);
  }
}, 100);
