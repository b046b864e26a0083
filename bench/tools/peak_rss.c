/*
 * peak_rss — runs one command and prints its peak resident memory in kB.
 *
 * Usage: peak_rss COMMAND [ARGS...]
 *
 * Prints ru_maxrss of the rusage that wait4 returns for the command (Linux: kB): the high-water
 * mark of the command's own memory, and of any children it reaped. The command's stdout goes to
 * /dev/null, its stderr is ours. Exit status: the command's (128 + N when killed by signal N; 127
 * when it could not be executed).
 *
 * Why a C program and not Python's os.wait4: on exec, Linux records the high-water RSS of the
 * process image being replaced in the new one's ru_maxrss. A child of Python (fork, vfork or
 * posix_spawn alike) starts as a copy of — or shares — the interpreter's ~12 MB, so every command
 * would show at least that much. This program is statically linked where possible and holds a few
 * hundred kB, which is all it hands to the command's figure (less than any real command uses).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: peak_rss COMMAND [ARGS...]\n", stderr);
    return 2;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("peak_rss: fork");
    return 127;
  }
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    execvp(argv[1], argv + 1);
    perror("peak_rss: exec");
    _exit(127);
  }
  int status;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0) {
    /* EINTR only: there is exactly one child */
  }
  printf("%ld\n", usage.ru_maxrss);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
