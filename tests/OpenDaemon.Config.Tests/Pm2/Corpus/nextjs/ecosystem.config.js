module.exports = {
  apps: [{
    name: 'next',
    cwd: './web',
    script: 'node_modules/next/dist/bin/next',
    args: 'start -p 3000',
    env_production: { NODE_ENV: 'production' },
  }],
};
