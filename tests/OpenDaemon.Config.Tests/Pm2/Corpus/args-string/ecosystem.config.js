module.exports = {
  apps: [{
    name: 'cli-app',
    script: 'cli.js',
    args: '--port 8080 --verbose',
  }],
};
