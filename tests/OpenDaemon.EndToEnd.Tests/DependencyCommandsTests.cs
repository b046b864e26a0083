using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>Dependencies through the real <c>od</c>: a dependent waits, then starts; <c>od graph</c> in every format; cycles refused.</summary>
public sealed class DependencyCommandsTests
{
    [Fact]
    public async Task Start_DependentWaitsForItsDependency_AndGraphShowsIt()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", "setInterval(() => {}, 1000);");
        File.WriteAllText(Path.Combine(app, "stack.config.yaml"), """
            apps:
              - name: db
                script: ./app.js
                cascadeStop: true
              - name: api
                script: ./app.js
                dependencies: [db]
            """);

        var start = await od.RunInAsync(app, "start", "stack.config.yaml");

        Assert.True(start.ExitCode == 0, start.ToString());
        await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(row => row.Status == ProcessState.Online), "both online");
        var json = await od.RunAsync("graph", "--json");
        var graph = JsonSerializer.Deserialize(json.StandardOutput, ContractsJsonContext.Default.DependencyGraphInfo)!;
        Assert.Equal(["db", "api"], graph.Apps.Select(a => a.Name));
        Assert.Equal([0, 1], graph.Apps.Select(a => a.Level));
        Assert.Contains("\"api\" -> \"db\";", (await od.RunAsync("graph", "--format", "dot")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("n1 --> n0", (await od.RunAsync("graph", "--format", "mermaid")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("api [online] → db", (await od.RunAsync("graph")).StandardOutput, StringComparison.Ordinal);

        var stop = await od.RunAsync("stop", "db");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        var table = await TestApps.ListAsync(od);
        Assert.All(table, row => Assert.Equal(ProcessState.Stopped, row.Status));
    }

    [Fact]
    public async Task Validate_DependencyCycle_IsRefusedNamingTheCycle()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", "");
        File.WriteAllText(Path.Combine(app, "opendaemon.config.yaml"), "apps:\n  - name: a\n    script: ./app.js\n    dependencies: [b]\n  - name: b\n    script: ./app.js\n    dependencies: [a]\n");

        var validate = await od.RunInAsync(app, "validate");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("dependency cycle: a → b → a", validate.StandardOutput + validate.StandardError, StringComparison.Ordinal);
    }
}
