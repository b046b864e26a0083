// An unchanged Node HTTP server: under `mode: cluster` every instance's listen(PORT) uses the one
// socket the daemon bound, so all instances serve the same port. It answers with its own pid.
const http = require('http');

http
  .createServer((request, response) => response.end(String(process.pid)))
  .listen(process.env.PORT);
