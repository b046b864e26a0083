using System.Globalization;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// The `od __exec-shim` command: applies what posix_spawn cannot (groups, gid, uid, nice, umask) to its
/// own fresh process, then execve's the app, so the app keeps the pid the spawner returned.
/// </summary>
/// <remarks>
/// Arguments: <c>[--cgroup DIR] [--nice N] [--groups-of USER] [--gid G] [--uid U] [--umask OOO] [--pid-env NAME]... -- FILE [ARG...]</c>; the
/// app gets <c>FILE</c> as argv[0] and the shim's environment (the spawner gave the shim the app's
/// environment) plus, for each <c>--pid-env NAME</c>, NAME set to its own pid (socket activation's LISTEN_PID). The CLI must dispatch <see cref="CommandName"/> to <see cref="Run"/> before any
/// other parsing or start-up work. Because the shim is the <c>od</c> .NET binary, DOTNET_* variables
/// meant for the app also reach the shim for the few milliseconds before the exec.
/// </remarks>
public static class ExecShim
{
    /// <summary>The hidden command name (argv[1] of the shim process).</summary>
    public const string CommandName = "__exec-shim";

    /// <summary>The exit code of a shim that could not become the app (the shell's "command not found" code).</summary>
    public const int FailureExitCode = 127;

    private const string Separator = "--";

    /// <summary>The socket-activation variable that must hold the pid of the process the sockets are for.</summary>
    public const string ListenPidVariable = "LISTEN_PID";

    /// <summary>The shim's arguments after <see cref="CommandName"/> for <paramref name="request"/>.</summary>
    /// <remarks>
    /// With a user but no group, the group is the user's primary group (or the uid when the user has no
    /// passwd entry), so a root daemon never starts an app as a plain user that still holds group 0.
    /// </remarks>
    public static IReadOnlyList<string> BuildArguments(SpawnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new List<string>();
        if (request.CgroupPath is { } cgroup)
        {
            arguments.AddRange(["--cgroup", cgroup]);
        }

        if (request.Nice is int nice)
        {
            arguments.AddRange(["--nice", Format(nice)]);
        }

        int? gid = request.GroupId;
        if (request.UserId is int uid && gid is null)
        {
            gid = UserDatabase.TryResolveUser(Format(uid), out _, out int primaryGid, out _) ? primaryGid : uid;
        }

        if (request.UserId is not null && request.UserName is { Length: > 0 } user)
        {
            arguments.AddRange(["--groups-of", user]);
        }

        if (gid is int group)
        {
            arguments.AddRange(["--gid", Format(group)]);
        }

        if (request.UserId is int userId)
        {
            arguments.AddRange(["--uid", Format(userId)]);
        }

        if (request.Umask is int umask)
        {
            arguments.AddRange(["--umask", Convert.ToString(umask, 8)]);
        }

        // Socket activation: LISTEN_PID names the process the sockets are meant for, and only the shim
        // knows that pid (it is the app's, after the exec) before the app starts.
        if (request.ListenSockets.Count > 0)
        {
            arguments.AddRange(["--pid-env", ListenPidVariable]);
        }

        arguments.Add(Separator);
        arguments.Add(request.FileName);
        arguments.AddRange(request.Arguments);
        return arguments;
    }

    /// <summary>
    /// Runs the shim (<paramref name="args"/> excludes <see cref="CommandName"/>). On success it does not
    /// return: the process becomes the app. On failure it writes one line "od: what failed: reason" to
    /// stderr and returns <see cref="FailureExitCode"/>.
    /// </summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!ExecShimOptions.TryParse(args, out ExecShimOptions? options, out string? problem))
        {
            return Fail($"{CommandName}: {problem}");
        }

        // The cgroup before anything else: from here on every process the app forks is born inside it,
        // and moving in needs the privileges that dropping the uid below would lose.
        if (options.CgroupPath is { } cgroup && CgroupTree.MoveSelf(cgroup) is string moveError)
        {
            return Fail($"cannot move into the cgroup {cgroup}: {moveError}");
        }

        // Nice first, while still privileged: lowering it below the current value needs root.
        // Everything runs on this thread, which is also the one that execs (nice is per thread on Linux).
        if (options.Nice is int nice && LibC.SetNice(nice) is int niceError and not 0)
        {
            return Fail($"cannot set nice {nice}", niceError);
        }

        if (ApplyIdentity(options) is string identityError)
        {
            return Fail(identityError);
        }

        if (options.Umask is int umask)
        {
            _ = LibC.SetUmask((uint)umask);
        }

        foreach (var variable in options.PidVariables)
        {
            if (LibC.SetEnvironmentVariable(variable, Format(Environment.ProcessId)) is int envError and not 0)
            {
                return Fail($"cannot set {variable}", envError);
            }
        }

        LibC.ResetSignals();
        using var argv = NativeStringArray.Create([options.FileName, .. options.Arguments]);
        int execError = LibC.ExecV(options.FileName, argv.Pointer);
        return Fail($"cannot execute {options.FileName}", execError);
    }

    // Order matters: supplementary groups and gid need root, so they go before the uid is dropped.
    private static string? ApplyIdentity(ExecShimOptions options)
    {
        if (options.GroupId is int gid)
        {
            // Only root may (and must) replace the supplementary groups; otherwise they are kept.
            if (LibC.GetEffectiveUserId() == 0)
            {
                int errno = options.GroupsOf is string user ? LibC.InitializeGroups(user, (uint)gid) : LibC.SetSingleGroup((uint)gid);
                if (errno != 0)
                {
                    return options.GroupsOf is null
                        ? $"cannot set supplementary groups to {gid}: {Errno.Message(errno)}"
                        : $"cannot set the supplementary groups of {options.GroupsOf}: {Errno.Message(errno)}";
                }
            }

            if (LibC.SetGroupId((uint)gid) is int gidError and not 0)
            {
                return $"cannot switch to group {gid}: {Errno.Message(gidError)}";
            }
        }

        if (options.UserId is int uid && LibC.SetUserId((uint)uid) is int uidError and not 0)
        {
            return $"cannot switch to user {uid}: {Errno.Message(uidError)}";
        }

        return null;
    }

    private static int Fail(string what, int errno) => Fail($"{what}: {Errno.Message(errno)}");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"od: {message}");
        Console.Error.Flush();
        return FailureExitCode;
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
