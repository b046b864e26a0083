module.exports = {
  apps: [{
    name: 'monitored',
    script: 'app.js',
    watch: true,
    ignore_watch: ['node_modules'],
    pmx: false,
    vizion: false,
    source_map_support: true,
    treekill: true,
    instance_var: 'INSTANCE_ID',
  }],
};
