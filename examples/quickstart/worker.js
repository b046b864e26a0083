// A background worker: does a unit of work every second and logs it.
let jobs = 0;
const timer = setInterval(() => {
  jobs += 1;
  console.log(`worker: processed job ${jobs}`);
}, 1000);

process.on('SIGINT', () => {
  clearInterval(timer);
  console.log(`worker: stopping after ${jobs} jobs`);
  process.exit(0);
});
