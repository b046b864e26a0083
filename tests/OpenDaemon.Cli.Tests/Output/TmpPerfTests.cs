using System.Diagnostics;
using System.Text.Json;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class TmpPerfTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public void Measure()
    {
        var processes = Enumerable.Range(0, 1000).Select(id => new ProcessSummary { Id = id, Name = $"app-{id}", Instance = 0, Namespace = "default", Mode = "fork", Status = ProcessState.Online, Pid = 10_000 + id, UptimeMs = id * 1000L, CpuPercent = id / 10.0, MemoryBytes = id * 1_000_000L, User = "alice", StartedAt = DateTimeOffset.UtcNow }).ToArray();
        var json = JsonSerializer.Serialize(new ProcessList { Processes = processes }, ContractsJsonContext.Default.ProcessList);
        var output = new CliOutput(TextWriter.Null, TextWriter.Null, false, true, false, false);
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var list = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.ProcessList)!;
            var parse = clock.Elapsed;
            var table = ProcessTable.Render(list.Processes, output, DateTimeOffset.UtcNow);
            log.WriteLine($"json {json.Length} bytes parse {parse.TotalMilliseconds:0.00} ms, render {(clock.Elapsed - parse).TotalMilliseconds:0.00} ms, {table.Length} chars");
        }
    }
}
