// The WebSocket clients of the api scenario: CLIENTS sockets to the daemon's /ws, each subscribed
// to TOPIC, held by this one process (node --experimental-websocket, Node 20's built-in client).
// Usage: node --experimental-websocket ws_fanout.js URL TOKEN CLIENTS TOPIC EXPECTED READYFILE [QUIET_S] [TIMEOUT_S]
//
// URL is the API's base (http://127.0.0.1:PORT); the token goes as ?access_token= (a WebSocket
// handshake carries no Authorization header from this client). Once every socket has answered
// {"subscribed": [...]}, it writes READYFILE. It counts, per socket, the log messages carrying a
// benchmark line (data holding "BENCHLINE "; no JSON parse, so the client stays as cheap as it can
// be; a batch message {"events": [...]} counts each line it holds) and the notices that say lines were
// missed ("were not sent to this follower"), summing the lines a logs:skipped notice reports. It stops when
// every socket has EXPECTED lines received or reported skipped, when every socket is closed, when no message came for QUIET_S
// seconds (default 5) after the first line, or at TIMEOUT_S (default 120). Prints one JSON object:
// {"counts": [...], "skipped": [...], "closes": {"code: reason": n}, "missedNotices": n, "firstNs", "lastNs"}
// (wall clock; skipped: per socket, the lines its logs:skipped notices reported).
"use strict";
const fs = require("fs");
const [url, token, clientsArg, topic, expectedArg, readyFile, quietArg, timeoutArg] = process.argv.slice(2);
const clients = Number(clientsArg);
const expected = Number(expectedArg);
const quietMs = Number(quietArg || 5) * 1000;
const timeoutMs = Number(timeoutArg || 120) * 1000;
const wsUrl = url.replace(/^http/, "ws").replace(/\/$/, "") + "/ws?access_token=" + encodeURIComponent(token);
const counts = new Array(clients).fill(0);
const skipped = new Array(clients).fill(0);
const closes = {};
let open = clients;
let subscribed = 0;
let missedNotices = 0;
let firstNs = 0;
let lastNs = 0;
let lastAt = 0;
let done = false;
const nowNs = () => BigInt(Date.now()) * 1000000n;
// Every socket has each line: received, or reported skipped.
const accounted = () => counts.every((c, k) => c + skipped[k] >= expected);

function finish() {
  if (done) return;
  done = true;
  process.stdout.write(JSON.stringify({ counts, skipped, closes, missedNotices, subscribed, firstNs: String(firstNs), lastNs: String(lastNs) }) + "\n");
  process.exit(0);
}

for (let i = 0; i < clients; i++) {
  const socket = new WebSocket(wsUrl);
  let ready = false;
  socket.onopen = () => socket.send(JSON.stringify({ subscribe: [topic] }));
  socket.onmessage = (event) => {
    const data = event.data;
    if (typeof data !== "string") return;
    let lines = 0;
    for (let at = data.indexOf("BENCHLINE "); at >= 0; at = data.indexOf("BENCHLINE ", at + 10)) lines++;
    if (lines > 0) {
      counts[i] += lines;
      lastAt = Date.now();
      lastNs = nowNs();
      if (firstNs === 0) firstNs = lastNs;
      if (counts[i] + skipped[i] >= expected && accounted()) finish();
    } else if (!ready && data.startsWith('{"subscribed"')) {
      ready = true;
      if (++subscribed === clients) fs.writeFileSync(readyFile, "ready\n");
    } else if (data.includes("were not sent to this follower")) {
      missedNotices++;
      const reported = /"lines":(\d+)/.exec(data);
      if (reported) skipped[i] += Number(reported[1]);
      if (counts[i] + skipped[i] >= expected && accounted()) finish();
    } else if (data.startsWith('{"error"')) {
      process.stderr.write(`ws_fanout: socket ${i}: ${data}\n`);
    }
  };
  socket.onclose = (event) => {
    const key = `${event.code}${event.reason ? ": " + event.reason : ""}`;
    closes[key] = (closes[key] || 0) + 1;
    if (--open === 0) finish();
  };
  socket.onerror = () => {}; // the close that follows is counted
}

const started = Date.now();
setInterval(() => {
  const now = Date.now();
  if (now - started > timeoutMs || (lastAt && now - lastAt > quietMs)) finish();
}, 100);
