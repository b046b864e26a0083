// Deliberately unreliable: crashes after a random 0.3–4 seconds, saying why on stderr.
const lifetime = 300 + Math.floor(Math.random() * 3700);
console.log(`flaky: up, will crash in ${lifetime} ms`);
setTimeout(() => {
  console.error(`flaky: giving up after ${lifetime} ms (simulated crash)`);
  process.exit(1);
}, lifetime);
