using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.ProcessManager.Cluster;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// Turns an app's configuration into a <see cref="LaunchPlan"/> for one instance, or a one-line
/// error naming what is wrong (missing script or cwd, interpreter not found, no privilege).
/// </summary>
internal sealed class LaunchPlanner(LaunchSettings settings, ClusterSockets? clusterSockets = null)
{
    public LaunchSettings Settings => settings;

    /// <summary>The listening sockets of the apps in cluster mode (one per app, kept across runs).</summary>
    public ClusterSockets ClusterSockets { get; } = clusterSockets ?? new ClusterSockets();

    public async ValueTask<LaunchPlan> PlanAsync(
        ProcessConfig config,
        IReadOnlyDictionary<string, string> overrides,
        int instance,
        int id,
        string? notifySocket,
        CancellationToken cancellationToken)
    {
        var cwd = string.IsNullOrEmpty(config.Cwd) ? Environment.CurrentDirectory : config.Cwd;
        if (!Directory.Exists(cwd))
        {
            throw Failed(config.Name, $"cwd {cwd} does not exist", "check 'cwd' in the app's config, or pass --cwd");
        }

        var environment = EnvironmentBuilder.Build(settings.DaemonEnvironment, config, overrides, instance, id, notifySocket);
        var path = environment.FirstOrDefault(variable => variable.Name == "PATH")?.Value;
        var (fileName, arguments) = await CommandAsync(config, cwd, path, cancellationToken).ConfigureAwait(false);
        var ipcChannel = IsNode(fileName, arguments);
        IReadOnlyList<System.Runtime.InteropServices.SafeHandle> listenSockets = [];
        Hosting.Sockets.SharedListenSocket? backend = null;
        if (config.Mode == ExecMode.Cluster)
        {
            (environment, listenSockets, backend) = ClusterLaunch.Apply(config, environment, ipcChannel, ClusterSockets, settings.NodePreloadPath);
        }

        try
        {
            return Plan(config, environment, fileName, arguments, cwd, ipcChannel, listenSockets, backend);
        }
        catch
        {
            backend?.Dispose();
            throw;
        }
    }

    private LaunchPlan Plan(
        ProcessConfig config,
        IReadOnlyList<EnvironmentVariable> environment,
        string fileName,
        List<string> arguments,
        string cwd,
        bool ipcChannel,
        IReadOnlyList<System.Runtime.InteropServices.SafeHandle> listenSockets,
        Hosting.Sockets.SharedListenSocket? backend)
    {
        if (settings.RuntimeMetrics is { } runtime && RuntimeMetricsLaunch.SocketWanted(config))
        {
            environment = RuntimeMetricsLaunch.Apply(environment, runtime, preload: ipcChannel && RuntimeMetricsLaunch.PreloadWanted(config));
        }

        environment = WithLaunchVariables(environment, fileName, ipcChannel, SpawnRequest.ListenFdsStart + listenSockets.Count);
        var (uid, gid, userName) = ResolveIdentity(config);
        PrivilegeCheck.Verify(config.Name, uid, gid, UserDatabase.EffectiveUserId, UserDatabase.EffectiveGroupId);
        var request = new SpawnRequest
        {
            FileName = fileName,
            Arguments = arguments,
            WorkingDirectory = cwd,
            Environment = environment.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal),
            UserId = uid,
            GroupId = gid,
            UserName = userName,
            Nice = config.Nice,
            Umask = config.Umask,
            ShimExecutable = settings.ShimExecutable,
            IpcChannel = ipcChannel,
            ListenSockets = listenSockets,
            KeepOutput = true, // so that a daemon crash loses none of it (KeptOutput)
        };
        var user = userName ?? UserDatabase.UserName(uid ?? UserDatabase.EffectiveUserId) ?? (uid ?? UserDatabase.EffectiveUserId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new LaunchPlan(request, environment, user, backend);
    }

    // The executable and its arguments, as PM2 would run the app: a command line through the shell, a
    // script through its interpreter (configured, by extension, or by probing the file), else the file.
    private static async ValueTask<(string FileName, List<string> Arguments)> CommandAsync(ProcessConfig config, string cwd, string? path, CancellationToken cancellationToken)
    {
        if (IsCommandLine(config.Script))
        {
            return CommandLine(config, cwd, path);
        }

        var interpreter = InterpreterInference.Infer(config.Interpreter, config.Script);
        var script = ResolveScript(config, cwd, path, runsDirectly: interpreter is null);
        List<string> arguments = [];
        if (interpreter is null && config.Interpreter is null && Path.IsPathRooted(config.Script))
        {
            (interpreter, var leading) = ScriptProbe.Probe(script);
            arguments.AddRange(leading);
        }

        // Checked after the probe: a file PM2 would run through node or its shebang needs no exec bit.
        if (interpreter is null && !ExecutableResolver.IsExecutable(script))
        {
            throw NotExecutable(config.Name, script);
        }

        string fileName;
        if (interpreter is null)
        {
            fileName = script;
        }
        else
        {
            fileName = ResolveInterpreter(config.Name, interpreter, cwd, path);
            arguments.InsertRange(0, config.InterpreterArgs);
            if (InterpreterInference.IsTypeScript(script) && Path.GetFileName(fileName) == "node")
            {
                arguments.AddRange(await TypeScriptFlagsAsync(config.Name, fileName, cancellationToken).ConfigureAwait(false));
            }

            arguments.Add(script);
        }

        arguments.AddRange(config.Args);
        return (fileName, arguments);
    }

    /// <summary>A script that is a command line ("npm start", "node server.js"): config keeps those relative, never absolute.</summary>
    public static bool IsCommandLine(string script) => !Path.IsPathRooted(script) && script.Any(char.IsWhiteSpace);

    // PM2 runs `bash -c "<script>"` (sh without bash). bash execs a lone simple command, so the pid is the
    // app's. Arguments follow as "$@" (PM2 drops them; passing them on is what a user means).
    private static (string FileName, List<string> Arguments) CommandLine(ProcessConfig config, string cwd, string? path)
    {
        var shell = ExecutableResolver.Resolve("bash", cwd, path) ?? ExecutableResolver.Resolve("sh", cwd, path) ?? throw Failed(
            config.Name,
            $"script '{config.Script}' is a command line, and neither bash nor sh is in PATH to run it",
            "give the program in 'script' and its arguments in 'args'");
        var command = config.Args.Count == 0 ? config.Script : config.Script + " \"$@\"";
        return (shell, ["-c", command, config.Script.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], .. config.Args]);
    }

    private static string ResolveInterpreter(string app, string interpreter, string cwd, string? path) =>
        ExecutableResolver.Resolve(interpreter, cwd, path)
        // PM2 falls back from python to python3 when there is no python.
        ?? (interpreter == "python" ? ExecutableResolver.Resolve("python3", cwd, path) : null)
        ?? throw Failed(
            app,
            $"interpreter '{interpreter}' not found (PATH={path})",
            "install it, give its full path in 'interpreter', or set interpreter: none to run the script directly");

    /// <summary>
    /// Node apps get an IPC channel, as PM2's fork mode gives them: node itself, <c>env node</c> from a
    /// shebang, or a command line that starts with node.
    /// </summary>
    private static bool IsNode(string fileName, List<string> arguments)
    {
        static bool Node(string name) => Path.GetFileName(name) is "node" or "nodejs";
        var shell = Path.GetFileName(fileName) is "bash" or "sh" && arguments.Count >= 3 && arguments[0] == "-c";
        return Node(fileName)
            || (Path.GetFileName(fileName) == "env" && arguments.Count > 0 && Node(arguments[0]))
            || (shell && arguments[2] == "node");
    }

    // What the launch adds on top of the app's environment: Node's channel variables, and PM2's unbuffered Python.
    private static IReadOnlyList<EnvironmentVariable> WithLaunchVariables(IReadOnlyList<EnvironmentVariable> environment, string fileName, bool ipcChannel, int channelFd)
    {
        List<EnvironmentVariable> added = [];
        if (ipcChannel)
        {
            added.Add(new EnvironmentVariable("NODE_CHANNEL_FD", channelFd.ToString(System.Globalization.CultureInfo.InvariantCulture), "od", Masked: false));
            added.Add(new EnvironmentVariable("NODE_CHANNEL_SERIALIZATION_MODE", "json", "od", Masked: false));
        }

        if (Path.GetFileName(fileName).StartsWith("python", StringComparison.Ordinal) && environment.All(variable => variable.Name != "PYTHONUNBUFFERED"))
        {
            added.Add(new EnvironmentVariable("PYTHONUNBUFFERED", "1", "od", Masked: false));
        }

        return added.Count == 0 ? environment : [.. environment.Where(variable => added.All(a => a.Name != variable.Name)), .. added];
    }

    private static string ResolveScript(ProcessConfig config, string cwd, string? path, bool runsDirectly)
    {
        var script = config.Script;
        var looksLikePath = script.Contains('/', StringComparison.Ordinal) || script.StartsWith('.');
        if (looksLikePath || !runsDirectly)
        {
            var full = Path.GetFullPath(script, cwd);
            if (!File.Exists(full))
            {
                throw Failed(config.Name, $"script {script} not found (cwd {cwd})", "check 'script' and 'cwd'");
            }

            return full;
        }

        // A bare command ("redis-server", "sleep") is looked up in the app's PATH, as a shell would.
        return ExecutableResolver.Resolve(script, cwd, path) ?? throw Failed(
            config.Name,
            $"command '{script}' not found in PATH and no file {Path.Combine(cwd, script)}",
            "give the script's path, or install the command");
    }

    private static async ValueTask<string[]> TypeScriptFlagsAsync(string app, string node, CancellationToken cancellationToken)
    {
        var version = await NodeVersionProbe.GetAsync(node, cancellationToken).ConfigureAwait(false);
        if (version is null || version < InterpreterInference.TypeStrippingSince)
        {
            throw Failed(
                app,
                $"TypeScript needs node {InterpreterInference.TypeStrippingSince} or newer for type stripping; {node} is {version?.ToString() ?? "of unknown version"}",
                "compile to JavaScript first, or set interpreter to a TypeScript runner such as tsx");
        }

        return version < new Version(23, 6) ? ["--experimental-strip-types"] : [];
    }

    private static (int? Uid, int? Gid, string? UserName) ResolveIdentity(ProcessConfig config)
    {
        int? uid = null;
        int? gid = null;
        string? userName = null;
        if (config.Uid is { } user)
        {
            if (!UserDatabase.TryResolveUser(user, out var resolvedUid, out var primaryGid, out userName))
            {
                throw Failed(config.Name, $"user '{user}' does not exist", "check 'uid' (a user name or a numeric id)");
            }

            uid = resolvedUid;
            gid = primaryGid;
        }

        if (config.Gid is { } group)
        {
            gid = UserDatabase.TryResolveGroup(group, out var resolvedGid) ? resolvedGid
                : throw Failed(config.Name, $"group '{group}' does not exist", "check 'gid' (a group name or a numeric id)");
        }

        return (uid, gid, userName);
    }

    /// <summary>
    /// The kernel would refuse to exec the file (EACCES) and the app would only show up as errored:
    /// say so before anything starts, naming the interpreter its #! line asks for, if any.
    /// </summary>
    private static DaemonException NotExecutable(string app, string script)
    {
        var shebang = ExecutableResolver.ShebangInterpreter(script);
        var example = shebang ?? "bash";
        return new DaemonException(
            ErrorCode.ScriptNotExecutable,
            $"app {app}: {script} is not executable and its extension names no interpreter{(shebang is null ? "" : $" (its #! line asks for {shebang})")}",
            $"make it executable ('chmod +x {script}'), or name its interpreter (--interpreter {example}, or 'interpreter' in the config)");
    }

    private static DaemonException Failed(string app, string message, string hint) =>
        new(ErrorCode.ProcessStartFailed, $"app {app}: {message}", hint);
}
