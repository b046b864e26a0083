module.exports = {
  apps: [{
    name: 'go-api',
    script: './bin/server',
    interpreter: 'none',
    args: ['-listen', ':8080'],
  }],
};
