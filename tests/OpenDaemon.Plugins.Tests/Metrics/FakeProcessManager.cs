using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>The process manager as the metrics collector sees it: a list of instance states the test sets.</summary>
internal sealed class FakeProcessManager : IProcessManager
{
    public List<InstanceStatus> Instances { get; } = [];

    public static InstanceStatus Running(int id, string name, int pid, DateTimeOffset startedAt, MetricsConfig? metrics = null) =>
        new(id, 0, new ProcessConfig { Name = name, Script = "/bin/sleep", Metrics = metrics }, ProcessState.Online, pid, 0, startedAt);

    public IReadOnlyList<InstanceStatus> Statuses() => [.. Instances];

    public IReadOnlyList<ManagedInstance> Resolve(IReadOnlyList<string> targets)
    {
        var found = Instances.Where(i => targets.Contains("all") || targets.Contains(i.Name) || targets.Contains(i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return found.Count == 0
            ? throw new DaemonException(ErrorCode.ProcessNotFound, $"no app named {string.Join(", ", targets)}")
            : [.. found.Select(i => new ManagedInstance(i.Id, i.Instance, 1, i.Config))];
    }

    public ProcessList List() => throw new InvalidOperationException("the collector must not call List (it samples /proc itself)");

    public Task<ProcessList> StartConfiguredAsync(OpenDaemonConfig config, CancellationToken cancellationToken) => throw new InvalidOperationException();

    public Task<ProcessList> ApplyReloadAsync(OpenDaemonConfig config, ConfigReloadResult changes, CancellationToken cancellationToken) => throw new InvalidOperationException();

    public Task<ProcessList> ResurrectAsync(CancellationToken cancellationToken) => throw new InvalidOperationException();

    public Task<ProcessList> StartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => throw new InvalidOperationException("the collector only reads");

    public Task<ProcessList> StopAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => throw new InvalidOperationException("the collector only reads");

    public Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => throw new InvalidOperationException("the collector only reads");

    public Task<ProcessList> ScaleAsync(ProcessScaleParams parameters, CancellationToken cancellationToken) => throw new InvalidOperationException("the collector only reads");
}
