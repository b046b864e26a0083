module.exports = {
  apps: [
    { script: 'src/index.js' },
    { script: 'worker.mjs', instances: 1 },
  ],
};
