// `pm2 start "npm start"` written as a file, and npm with args.
module.exports = {
  apps: [
    { script: 'npm start' },
    { name: 'client', script: 'npm', args: 'run serve' },
  ],
};
