// OpenDaemon cluster mode, loaded into every Node instance with --require (through NODE_OPTIONS).
//
// The daemon binds the app's port once and passes the listening socket to every instance at fd 3, as
// systemd socket activation does (LISTEN_FDS, LISTEN_PID). This makes an unchanged app's
// server.listen(PORT) (or listen({ port: PORT }), or a literal port equal to it) use that socket, so
// every instance accepts from the same kernel queue, as under PM2's cluster mode. Listens on other
// ports, on Unix sockets, on port 0 or on a handle are left alone. server.address() reports the real
// socket ({ address: '::', family: 'IPv6', port }). Processes the app starts itself see a LISTEN_PID
// that is not theirs, and are left alone too.
'use strict';
(function odClusterPreload() {
  const env = process.env;
  const port = Number(env.OD_CLUSTER_PORT);
  if (env.LISTEN_PID !== String(process.pid) || Number(env.LISTEN_FDS) < 1 || !Number.isInteger(port) || port < 1) {
    return;
  }

  const fd = 3; // SD_LISTEN_FDS_START
  const backlog = 4096; // Node's listen() would set 511 on the shared socket; keep the daemon's deep queue
  const net = require('net');
  const listen = net.Server.prototype.listen;

  function sharedPort(args) {
    let value = args[0];
    if (value !== null && typeof value === 'object') {
      if (value.fd !== undefined || value.path !== undefined || value.handle !== undefined || value._handle !== undefined) {
        return false;
      }
      value = value.port;
    }
    if (typeof value === 'string' && /^[0-9]+$/.test(value)) {
      value = Number(value);
    }
    return value === port;
  }

  net.Server.prototype.listen = function odClusterListen(...args) {
    if (!sharedPort(args)) {
      return listen.apply(this, args);
    }
    const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    const options = { fd, backlog };
    return callback === undefined ? listen.call(this, options) : listen.call(this, options, callback);
  };
})();
