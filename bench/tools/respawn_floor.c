/*
 * respawn_floor — the least a process manager can do to respawn a crashing app on this machine: the
 * floor row of the respawn scenario's exec-gap table.
 *
 * Usage: respawn_floor COUNT PROGRAM [ARGS...]
 *
 * Starts PROGRAM with posix_spawn (glibc: clone(CLONE_VM | CLONE_VFORK) and exec), waits for it
 * with waitpid, and starts it again at once, COUNT times in all; no decision, no bookkeeping, no
 * I/O between the reap and the next spawn. Run with bench/tools/crash_exec.c as PROGRAM, the gaps
 * in its log are the kernel's part of a respawn (reap, process creation, exec, C runtime start),
 * which every manager's exec-gap holds too. Exit status 0, or 1 when a spawn failed.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: respawn_floor COUNT PROGRAM [ARGS...]\n", stderr);
    return 2;
  }
  int count = atoi(argv[1]);
  for (int i = 0; i < count; i++) {
    pid_t pid;
    if (posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ) != 0) {
      perror("respawn_floor: posix_spawn");
      return 1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
      /* EINTR only */
    }
  }
  return 0;
}
