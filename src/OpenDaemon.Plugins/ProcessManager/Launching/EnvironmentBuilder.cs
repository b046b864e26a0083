using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// The environment of one instance, built in layers, later layers winning: the daemon's own
/// environment, the app's <c>env</c>, variables set with <c>--setenv</c>/<c>od set</c>, and the
/// variables OpenDaemon sets itself (instance id, notify socket). Each variable remembers its
/// layer so that <c>od env</c> can say where it came from and mask secrets.
/// </summary>
internal static class EnvironmentBuilder
{
    /// <summary>Variables that describe the daemon's own supervisor and must not leak to apps.</summary>
    private static readonly string[] SupervisorVariables =
        ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "INVOCATION_ID",
         "NODE_CHANNEL_FD", "NODE_CHANNEL_SERIALIZATION_MODE", "NODE_UNIQUE_ID", RuntimeMetricsLaunch.SocketVariable];

    public const string MaskedValue = "****";

    /// <summary>True for a variable of the daemon's (or a caller's) own supervisor, which an app must not inherit.</summary>
    public static bool IsSupervisorVariable(string name) => SupervisorVariables.Contains(name);

    public static IReadOnlyList<EnvironmentVariable> Build(
        IReadOnlyDictionary<string, string> daemonEnvironment,
        ProcessConfig config,
        IReadOnlyDictionary<string, string> overrides,
        int instance,
        int id,
        string? notifySocket)
    {
        var variables = new SortedDictionary<string, EnvironmentVariable>(StringComparer.Ordinal);
        foreach (var (name, value) in daemonEnvironment)
        {
            if (!SupervisorVariables.Contains(name))
            {
                variables[name] = new EnvironmentVariable(name, value, "daemon", Masked: false);
            }
        }

        foreach (var (name, value) in config.Env)
        {
            variables[name] = value.SecretName is { } secret
                ? new EnvironmentVariable(name, ResolveSecret(config.Name, name, secret), "secret", Masked: true)
                : new EnvironmentVariable(name, value.Value ?? string.Empty, "config", Masked: false);
        }

        if (config.Port is { } port && !config.Env.ContainsKey("PORT"))
        {
            variables["PORT"] = new EnvironmentVariable("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "config", Masked: false);
        }

        foreach (var (name, value) in overrides)
        {
            variables[name] = new EnvironmentVariable(name, value, "set", Masked: false);
        }

        var instanceText = instance.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Set(variables, "OD_APP_NAME", config.Name);
        Set(variables, "OD_INSTANCE_ID", instanceText);
        Set(variables, "OD_ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // PM2's names, so apps written for PM2 find their instance number and id unchanged
        // (instance_var renames NODE_APP_INSTANCE, as in PM2).
        Set(variables, config.InstanceVar, instanceText);
        Set(variables, "name", config.Name);
        Set(variables, "pm_id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (notifySocket is not null)
        {
            Set(variables, "NOTIFY_SOCKET", notifySocket);
        }

        return [.. variables.Values];
    }

    /// <summary>The same list with secret values replaced, for showing to a user.</summary>
    public static IReadOnlyList<EnvironmentVariable> Masked(IReadOnlyList<EnvironmentVariable> variables) =>
        [.. variables.Select(variable => variable.Masked ? variable with { Value = MaskedValue } : variable)];

    private static void Set(SortedDictionary<string, EnvironmentVariable> variables, string name, string value) =>
        variables[name] = new EnvironmentVariable(name, value, "od", Masked: false);

    // The secret manager is its own issue; until it exists a secret reference cannot be resolved,
    // and starting the app without the value would be worse than refusing to start it.
    private static string ResolveSecret(string app, string variable, string secret) =>
        throw new DaemonException(
            ErrorCode.SecretNotFound,
            $"app {app}: env.{variable} refers to secret '{secret}', but this daemon has no secret manager to resolve it",
            $"set the value directly (od set {app} {variable} <value>) until secrets are supported");
}
