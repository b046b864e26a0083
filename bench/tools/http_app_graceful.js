// The HTTP app of the reload-under-load scenario: the hello of http_app.js with the graceful shutdown a
// zero-downtime reload needs, the same for every manager. On SIGINT/SIGTERM (or PM2's 'shutdown' message)
// it stops accepting, answers each request still arriving on an open keep-alive connection with
// "Connection: close" (so the client reconnects, to an instance that serves), and exits once no
// connection is left. Without this, a client's keep-alive connections die with the old instance.
"use strict";
const http = require("http");
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
  server.close(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("message", (message) => message === "shutdown" && stop());
