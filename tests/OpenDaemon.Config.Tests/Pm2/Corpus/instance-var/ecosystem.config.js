module.exports = {
  apps: [{
    name: 'cluster-app',
    script: 'app.js',
    instances: 4,
    exec_mode: 'cluster',
    instance_var: 'INSTANCE_ID',
  }],
};
