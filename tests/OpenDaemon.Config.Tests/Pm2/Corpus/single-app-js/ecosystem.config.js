// One app exported directly, without { apps: [...] }.
module.exports = {
  name: 'api',
  script: 'server.js',
  instances: 2,
  exec_mode: 'cluster',
};
