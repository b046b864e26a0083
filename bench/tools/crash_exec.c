/*
 * crash_exec — the app of the respawn scenario's exec-gap metric: crash_app.py without the
 * interpreter. Records when it started and when it is about to exit, then exits 1 at once.
 *
 * Usage: crash_exec LOG
 *
 * The first statement of main reads CLOCK_MONOTONIC; the line `start <ns>` and, read right before
 * _exit(1), `exit <ns>` are appended to LOG (O_APPEND, one write each: the same format as
 * crash_app.py, read by respawn_gaps.py). CLOCK_MONOTONIC is one clock for every process of the
 * machine, so the next run's start minus this run's exit is the daemon's part of a respawn —
 * noticing the exit, deciding, spawning — plus the kernel's exec, and nothing of an interpreter.
 * Built by bench/run with gcc, statically linked when possible (no dynamic loader before main).
 */
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
  long long started = now_ns();
  if (argc < 2) _exit(2);
  int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) _exit(3);
  char line[64];
  int n = snprintf(line, sizeof line, "start %lld\n", started);
  if (write(fd, line, (size_t)n) != n) _exit(4);
  n = snprintf(line, sizeof line, "exit %lld\n", now_ns());
  if (write(fd, line, (size_t)n) != n) _exit(4);
  _exit(1);
}
