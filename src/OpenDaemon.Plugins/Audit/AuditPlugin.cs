using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Audit.Streaming;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Audit;

/// <summary>
/// The <c>audit-logger</c> plugin (spec §3.13): every RPC call (who, what, target, parameters without
/// secrets, result, duration), process lifecycle events and config reloads, and what others record
/// through <see cref="IAuditLog"/> (the HTTP API's authentication), as hash-chained JSON Lines in
/// <c>$OD_HOME/audit/</c>, rotated by size. Answers <c>audit.search|verify|stream|unstream</c>.
/// </summary>
/// <remarks>
/// It starts first (highest priority) and stops last, so that it sees the other plugins' start and
/// stop, and flushes its queue at daemon stop. It writes <c>audit.start</c> and <c>audit.stop</c>
/// entries itself, so a period without auditing (the plugin disabled, the daemon down) shows in the log.
/// </remarks>
public sealed class AuditPlugin : IPlugin, IAuditLog
{
    /// <summary>The plugin's name (the key of its config section).</summary>
    public const string PluginName = PluginNames.AuditLogger;

    private readonly string _directory;
    private AuditWriter? _writer;
    private AuditFollowers? _followers;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>Creates the plugin writing to <paramref name="directory"/> (<c>$OD_HOME/audit</c>).</summary>
    public AuditPlugin(string directory) => _directory = directory;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Hash-chained audit log of every action: RPC calls, lifecycle events, config reloads, authentication";

    /// <summary>Starts before every other plugin and stops after them.</summary>
    public int Priority => 1000;

    /// <inheritdoc />
    public IReadOnlyList<string> ValidateConfig(JsonElement config)
    {
        var problems = new List<string>();
        _ = AuditSettingsReader.Read(_directory, config, problems);
        return problems;
    }

    /// <inheritdoc />
    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        var settings = AuditSettingsReader.Read(_directory, context.PluginConfig, []);
        _time = context.TimeProvider;
        _followers = new AuditFollowers();
        _writer = new AuditWriter(settings, context.TimeProvider, context.Logger, _followers);
        AuditRpcMethods.Register(context, _writer, _followers);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("the audit logger has not been installed");
        var settings = AuditSettingsReader.Read(_directory, context.PluginConfig, []);
        writer.Start();
        writer.TryRecord(new PendingEntry(_time.GetUtcNow(), "audit.start", AuditCallObserver.Success) { Actor = ActorNames.Daemon });
        context.ObserveCalls(new AuditCallObserver(writer, settings.Exclude, context.TimeProvider));
        AuditEventRecorder.Subscribe(context.Events, writer);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _followers?.CompleteAll();
        if (Interlocked.Exchange(ref _writer, null) is { } writer)
        {
            writer.TryRecord(new PendingEntry(_time.GetUtcNow(), "audit.stop", AuditCallObserver.Success) { Actor = ActorNames.Daemon });
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _writer?.TryRecord(new PendingEntry(_time.GetUtcNow(), record.Action, record.Result)
        {
            Caller = record.Actor,
            Target = record.Target,
            Params = record.Params,
            Duration = record.Duration,
        });
    }
}
