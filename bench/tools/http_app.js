// The HTTP app of the http-start scenario: a Node "hello" on $PORT, the same for every manager.
"use strict";
const http = require("http");
const port = Number(process.env.PORT);
if (!port) {
  console.error("http_app: PORT is not set");
  process.exit(2);
}
http.createServer((req, res) => res.end("hello\n")).listen(port, "127.0.0.1");
