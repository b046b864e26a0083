using System.Net.Sockets;
using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.LogManager.Reading;
using OpenDaemon.Plugins.LogManager.Writing;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// The <c>log-manager</c> plugin (spec §3.3): captures every run's stdout and stderr as structured
/// entries, rotates and compresses the files, and answers <c>log.search</c>, <c>log.stream</c> and
/// <c>log.flush</c>. Settings (<c>plugins.log-manager</c>): <c>flushInterval</c> (default 100ms) and
/// <c>bufferSize</c> (default 64K), daemon-wide.
/// </summary>
public sealed class LogManagerPlugin(string logDirectory) : IPlugin, IOutputCapture
{
    /// <summary>The plugin's name, for <see cref="IPluginContext.GetPlugin{T}"/>.</summary>
    public const string PluginName = PluginNames.LogManager;

    private LogCaptureService? _capture;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => Contracts.ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Captures, rotates, searches and streams app logs";

    /// <summary>Installs before the process manager, which hands it every run's output.</summary>
    public int Priority => 200;

    private LogCaptureService Service => _capture ?? throw new InvalidOperationException("the log manager has not been installed");

    /// <inheritdoc />
    public IReadOnlyList<string> ValidateConfig(JsonElement config) => [.. Settings(config, out _)];

    /// <inheritdoc />
    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _ = Settings(context.PluginConfig, out var settings);
        _capture = new LogCaptureService(logDirectory, settings, context.TimeProvider, context.Logger);
        var service = new LogService(_capture, () => context.GetPlugin<IProcessManager>(PluginNames.ProcessManager), context.TimeProvider, LogPageSize.Default);
        LogRpcMethods.Register(context, service);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _capture, null) is { } capture)
        {
            await capture.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ProcessLogPaths PathsFor(ProcessConfig config, int instance, int instanceCount) => Service.PathsFor(config, instance, instanceCount);

    /// <inheritdoc />
    public IRunOutput Capture(RunOutputSource source, Socket stdout, Socket stderr) => Service.Capture(source, stdout, stderr);

    // plugins.log-manager: { flushInterval: "100ms", bufferSize: "64K" }; anything else is a problem to report.
    private static List<string> Settings(JsonElement config, out LogWriterSettings settings)
    {
        var problems = new List<string>();
        var defaults = new LogWriterSettings();
        settings = defaults;
        if (config.ValueKind != JsonValueKind.Object)
        {
            return problems;
        }

        var interval = defaults.FlushInterval;
        if (config.TryGetProperty("flushInterval", out var intervalValue)
            && (!Units.TryParseDuration(intervalValue, out interval) || interval < TimeSpan.FromMilliseconds(10) || interval > TimeSpan.FromMinutes(1)))
        {
            problems.Add("plugins.log-manager.flushInterval must be a duration from 10ms to 1m, like \"100ms\"");
            interval = defaults.FlushInterval;
        }

        long bufferSize = defaults.BufferSize;
        if (config.TryGetProperty("bufferSize", out var sizeValue)
            && (!Units.TryParseSize(sizeValue, out bufferSize) || bufferSize < 4096 || bufferSize > 16 << 20))
        {
            problems.Add("plugins.log-manager.bufferSize must be a size from 4K to 16M, like \"64K\"");
            bufferSize = defaults.BufferSize;
        }

        settings = new LogWriterSettings { FlushInterval = interval, BufferSize = (int)bufferSize };
        return problems;
    }
}
