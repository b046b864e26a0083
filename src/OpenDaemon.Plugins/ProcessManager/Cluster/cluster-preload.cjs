// OpenDaemon cluster mode, loaded into every Node instance with --require (through NODE_OPTIONS).
//
// The daemon binds the app's port once and passes the listening socket to every instance at fd 3, as
// systemd socket activation does (LISTEN_FDS, LISTEN_PID). This makes an unchanged app's
// server.listen(PORT) (or listen({ port: PORT }), or a literal port equal to it) use that socket, so
// every instance accepts from the same kernel queue, as under PM2's cluster mode. Listens on other
// ports, on Unix sockets, on port 0 or on a handle are left alone. server.address() reports the real
// socket ({ address: '::', family: 'IPv6', port }). Processes the app starts itself see a LISTEN_PID
// that is not theirs, and are left alone too.
//
// With a connection-handoff strategy (round-robin, least-connections, ip-hash, random, weighted) the
// daemon accepts instead and hands each connection over this process's IPC channel, as Node's cluster
// primary does (OD_CLUSTER_HANDOFF=1, no fd 3): listen(PORT) then listens on a private loopback port
// (so the server is a real listening server), server.address() reports the shared port, and each handed
// socket is emitted as the server's 'connection'. Closes are reported back for least-connections.
// Before the daemon signals this process to stop it sends NODE_OD_DRAIN behind the last handed socket;
// answering NODE_OD_DRAINED says every socket before it has reached the server (so a graceful close
// waits for them), as messages are taken in order.
'use strict';
(function odClusterPreload() {
  const env = process.env;
  const port = Number(env.OD_CLUSTER_PORT);
  if (env.OD_CLUSTER_HANDOFF === '1' && Number.isInteger(port) && port > 0 && typeof process.send === 'function') {
    takeHandedConnections(port);
    return;
  }
  if (env.LISTEN_PID !== String(process.pid) || Number(env.LISTEN_FDS) < 1 || !Number.isInteger(port) || port < 1) {
    return;
  }

  const fd = 3; // SD_LISTEN_FDS_START
  const backlog = 4096; // Node's listen() would set 511 on the shared socket; keep the daemon's deep queue
  const net = require('net');
  const listen = net.Server.prototype.listen;

  net.Server.prototype.listen = function odClusterListen(...args) {
    if (!listensOn(args, port)) {
      return listen.apply(this, args);
    }
    const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    const options = { fd, backlog };
    return callback === undefined ? listen.call(this, options) : listen.call(this, options, callback);
  };

  // Whether listen(...args) asks for the shared port: a number, a numeric string or { port } equal to it
  // (not an fd, a path or a handle).
  function listensOn(args, sharedPort) {
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
    return value === sharedPort;
  }

  function takeHandedConnections(sharedPort) {
    const net = require('net');
    const listen = net.Server.prototype.listen;
    const servers = [];
    const tell = (cmd) => {
      try {
        if (process.connected) {
          process.send({ cmd });
        }
      } catch {
        // the channel is closing: the daemon counts nothing more for this run
      }
    };

    // Connections handed before the app's server listens (an instance counts as online once it runs,
    // unless it waits for ready) wait for it, up to 10 s, instead of being refused.
    const waiting = [];
    const serve = (socket) => {
      const server = servers.find((candidate) => candidate.listening);
      if (server === undefined) {
        return false;
      }
      // What net.Server does for a connection it accepted itself, so that server.close(callback) waits
      // for handed connections too (a graceful shutdown would otherwise exit under them).
      server._connections++;
      socket.server = server;
      socket._server = server;
      server.emit('connection', socket);
      return true;
    };
    const flush = () => {
      while (waiting.length > 0 && serve(waiting[0])) {
        waiting.shift();
      }
    };

    // Node acknowledges the handle itself and emits our message as an internal one, with the net.Socket.
    process.on('internalMessage', (message, socket) => {
      if (message === null || typeof message !== 'object') {
        return;
      }
      if (message.cmd === 'NODE_OD_DRAIN') {
        tell('NODE_OD_DRAINED');
        return;
      }
      if (message.cmd !== 'NODE_OD_CONNECTION' || !socket) {
        return;
      }
      socket.once('close', () => tell('NODE_OD_CLOSED'));
      if (serve(socket)) {
        return;
      }
      waiting.push(socket);
      setTimeout(() => {
        const index = waiting.indexOf(socket);
        if (index >= 0) {
          waiting.splice(index, 1);
          socket.destroy(); // no server listened on the port in 10 s
        }
      }, 10000).unref();
    });

    net.Server.prototype.listen = function odHandoffListen(...args) {
      if (!listensOn(args, sharedPort)) {
        return listen.apply(this, args);
      }
      servers.push(this);
      this.once('listening', flush);
      this.once('close', () => servers.splice(servers.indexOf(this), 1));
      const address = this.address;
      this.address = function odSharedAddress() {
        return address.call(this) === null ? null : { address: '::', family: 'IPv6', port: sharedPort };
      };
      const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
      const options = { port: 0, host: '127.0.0.1' };
      return callback === undefined ? listen.call(this, options) : listen.call(this, options, callback);
    };
  }
})();
