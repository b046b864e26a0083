// The HTTP app of the reload-under-load scenario: the hello of http_app.js with the graceful shutdown a
// zero-downtime reload needs, the same for every manager. On SIGINT/SIGTERM (or PM2's 'shutdown' message)
// it stops accepting, answers each request still arriving on an open keep-alive connection with
// "Connection: close" (so the client reconnects, to an instance that serves), and exits once no
// connection is left. Without this, a client's keep-alive connections die with the old instance.
"use strict";
const http = require("http");
const net = require("net");
const port = Number(process.env.PORT);
if (!port) {
  console.error("http_app_graceful: PORT is not set");
  process.exit(2);
}
let closing = false;
const server = http.createServer((req, res) => {
  if (closing) {
    res.setHeader("Connection", "close");
  }
  res.end("hello\n");
});
server.listen(port, "127.0.0.1");
const stop = () => {
  if (closing) {
    return;
  }
  closing = true;
  // net.Server's close, not http.Server's: stop accepting and exit once the open connections are done,
  // each after its next answer (Connection: close). http.Server.close() would also destroy the idle ones
  // at once, cutting those whose next request is already on its way (a read error for the client).
  net.Server.prototype.close.call(server, () => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("message", (message) => message === "shutdown" && stop());
