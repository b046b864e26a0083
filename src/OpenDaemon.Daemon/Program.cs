using OpenDaemon.Daemon.Executable;
using OpenDaemon.Hosting.Processes;

// `od-daemon __exec-shim ...` is the process manager's exec shim: it applies uid/gid/umask/nice and
// execve's the app, so it must not start any daemon machinery (and normally never returns).
if (args.Length > 0 && args[0] == ExecShim.CommandName)
{
    return ExecShim.Run(args[1..]);
}

return await DaemonProgram.RunAsync(args).ConfigureAwait(false);
