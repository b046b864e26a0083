module.exports = {
  apps: [{
    name: 'backoff',
    script: 'app.js',
    exp_backoff_restart_delay: 100,
    max_memory_restart: '1G',
  }],
};
