'use strict';
module.exports = {
  apps: [{ name: 'esm-project', script: 'dist/main.js', env: { TZ: 'UTC' } }],
};
