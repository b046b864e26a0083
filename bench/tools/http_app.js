// The HTTP app of the http-start scenario: a Node "hello" on $PORT, the same for every manager.
// Given a socket by socket activation (fd 3, LISTEN_FDS and LISTEN_PID naming this process), it serves
// that one instead: what od's cluster mode passes an app it does not run as node (cluster-throughput's
// od-relay).
"use strict";
const http = require("http");
const port = Number(process.env.PORT);
if (!port) {
  console.error("http_app: PORT is not set");
  process.exit(2);
}
const server = http.createServer((req, res) => res.end("hello\n"));
if (process.env.LISTEN_PID === String(process.pid) && Number(process.env.LISTEN_FDS) >= 1) {
  server.listen({ fd: 3 });
} else {
  server.listen(port, "127.0.0.1");
}
