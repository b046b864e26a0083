using System.CommandLine;
using OpenDaemon.Cli.Commands;
using OpenDaemon.Cli.Commands.Audit;
using OpenDaemon.Cli.Commands.Config;
using OpenDaemon.Cli.Commands.Daemon;
using OpenDaemon.Cli.Commands.Import;
using OpenDaemon.Cli.Commands.Logs;
using OpenDaemon.Cli.Commands.Metrics;
using OpenDaemon.Cli.Commands.Plugin;
using OpenDaemon.Cli.Commands.Process;
using OpenDaemon.Cli.Commands.Startup;

namespace OpenDaemon.Cli;

/// <summary>The <c>od</c> command tree.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("OpenDaemon — a process manager for Node.js and any other program")
        {
            StartCommand.Create(globals),
            StartOrRestartCommand.Create(globals, "startOrRestart", reload: false),
            StartOrRestartCommand.Create(globals, "startOrReload", reload: true),
            StopCommand.Create(globals),
            RestartCommand.Create(globals),
            ReloadCommand.Create(globals),
            ScaleCommand.Create(globals),
            DeleteCommand.Create(globals),
            ListCommand.Create(globals),
            JsonListCommand.Create(globals, "jlist", indented: false),
            JsonListCommand.Create(globals, "prettylist", indented: true),
            PidCommand.Create(globals),
            SignalCommand.Create(globals),
            ResetCommand.Create(globals),
            InfoCommand.Create(globals),
            CronCommand.Create(globals),
            GraphCommand.Create(globals),
            EnvCommand.Create(globals),
            SetCommand.Create(globals),
            SaveCommand.Create(globals),
            ResurrectCommand.Create(globals),
            ClearDumpCommand.Create(globals),
            LogsCommand.Create(globals),
            FlushCommand.Create(globals),
            MetricsCommand.Create(globals),
            TopCommand.Create(globals),
            MonitCommand.Create(globals),
            ImportCommand.Create(globals),
            StartupCommand.Create(globals, install: true),
            StartupCommand.Create(globals, install: false),
            ReloadLogsCommand.Create(globals),
            KillCommand.Create(globals),
            DaemonCommand.Create(globals),
            PluginCommand.Create(globals),
            Commands.Api.ApiCommand.Create(globals),
            AuditCommand.Create(globals),
            InitCommand.Create(globals),
            ValidateCommand.Create(globals),
            PingCommand.Create(globals),
            VersionCommand.Create(globals),
        };
        globals.AddTo(root);
        return root;
    }

    public static Task<int> RunAsync(string[] args) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration
        {
            // The daemon handles SIGINT/SIGTERM itself (graceful stop); System.CommandLine's own
            // handler would kill it after a fixed delay instead.
            ProcessTerminationTimeout = null,
        });
}
