using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Cli.Commands.Metrics;

/// <summary>The orders <c>od top</c> offers, by flag (<c>--sort cpu</c>) and by key (<c>c</c>, <c>m</c>, <c>n</c>, <c>i</c>).</summary>
internal enum TopSort
{
    Cpu,
    Memory,
    Name,
    Id,
}

/// <summary>Parsing and applying <see cref="TopSort"/>.</summary>
internal static class TopSorting
{
    public static TopSort Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "cpu" => TopSort.Cpu,
        "mem" or "memory" => TopSort.Memory,
        "name" => TopSort.Name,
        "id" => TopSort.Id,
        _ => throw new DaemonException(ErrorCode.InvalidParams, $"--sort must be cpu, mem, name or id, not '{text}'", "for example: od top --sort mem"),
    };

    public static TopSort? FromKey(char key) => char.ToLowerInvariant(key) switch
    {
        'c' or 'p' => TopSort.Cpu,
        'm' => TopSort.Memory,
        'n' => TopSort.Name,
        'i' => TopSort.Id,
        _ => null,
    };

    public static IEnumerable<ProcessMetrics> Apply(IEnumerable<ProcessMetrics> rows, TopSort sort) => sort switch
    {
        TopSort.Cpu => rows.OrderByDescending(row => row.CpuPercent ?? -1).ThenBy(row => row.Id),
        TopSort.Memory => rows.OrderByDescending(row => row.MemoryBytes ?? -1).ThenBy(row => row.Id),
        TopSort.Name => rows.OrderBy(row => row.Name, StringComparer.Ordinal).ThenBy(row => row.Instance),
        _ => rows.OrderBy(row => row.Id),
    };
}
