module.exports = {
  apps: [{
    name: 'debug',
    script: 'index.js',
    node_args: '--inspect=0.0.0.0:9229 --max-old-space-size=1024',
  }],
};
