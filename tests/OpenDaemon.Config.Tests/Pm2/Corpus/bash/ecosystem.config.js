module.exports = {
  apps: [{
    name: 'backup',
    script: './scripts/backup',
    interpreter: 'bash',
    autorestart: false,
    cron_restart: '0 2 * * *',
  }],
};
