// The graceful start and shutdown of PM2's documentation.
module.exports = {
  apps: [{
    name: 'graceful',
    script: 'app.js',
    wait_ready: true,
    listen_timeout: 10000,
    kill_timeout: 3000,
    shutdown_with_message: true,
  }],
};
