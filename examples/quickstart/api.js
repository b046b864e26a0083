// A tiny HTTP API. OpenDaemon gives every instance OD_INSTANCE_ID (and PM2's NODE_APP_INSTANCE),
// so instances of one app can share a base PORT and listen side by side.
const http = require('node:http');

const instance = Number(process.env.OD_INSTANCE_ID ?? 0);
const port = Number(process.env.PORT ?? 3000) + instance;

const server = http.createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ instance, pid: process.pid, path: request.url }) + '\n');
});

server.listen(port, '127.0.0.1', () => console.log(`api instance ${instance} listening on http://127.0.0.1:${port}`));

// OpenDaemon stops an app with SIGINT (configurable with stopSignal): close cleanly.
process.on('SIGINT', () => server.close(() => process.exit(0)));
