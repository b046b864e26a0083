module.exports = {
  apps: [{
    name: 'logger',
    script: 'app.js',
    out_file: './logs/out.log',
    error_file: './logs/err.log',
    log_file: './logs/combined.log',
    merge_logs: true,
    log_date_format: 'YYYY-MM-DD HH:mm Z',
  }],
};
