using System.Text.RegularExpressions;

namespace OpenDaemon.Plugins.Tests;

/// <summary>
/// A plugin sees another plugin only through what it publishes (ARCHITECTURE §2): the interfaces in
/// Abstractions/ and the helpers in Shared/. These tests read the sources and fail on any reference from one
/// plugin's folder to another plugin's namespace.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string[] Plugins = ["ProcessManager", "LogManager", "HealthCheck"];

    [Fact]
    public void PluginFolders_ReferNoOtherPluginsInternals()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "OpenDaemon.Plugins");
        var violations = new List<string>();
        var files = 0;
        foreach (var plugin in Plugins)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, plugin), "*.cs", SearchOption.AllDirectories))
            {
                files++;
                violations.AddRange(Violations(plugin, File.ReadAllText(file)).Select(v => $"{Path.GetRelativePath(root, file)}: {v}"));
            }
        }

        Assert.True(files > 50, $"only {files} source files found under {root}");
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("using OpenDaemon.Plugins.LogManager;", "OpenDaemon.Plugins.LogManager")]
    [InlineData("using OpenDaemon.Plugins.HealthCheck.Probes;", "OpenDaemon.Plugins.HealthCheck.Probes")]
    [InlineData("using Capture = OpenDaemon.Plugins.LogManager.LogCaptureService;", "OpenDaemon.Plugins.LogManager.LogCaptureService")]
    [InlineData("var name = global::OpenDaemon.Plugins.HealthCheck.HealthCheckPlugin.PluginName;", "OpenDaemon.Plugins.HealthCheck.HealthCheckPlugin.PluginName")]
    [InlineData("public IReadOnlyList<string> Dependencies => [LogManager.LogManagerPlugin.PluginName];", "LogManager.LogManagerPlugin.PluginName")]
    [InlineData("Health = () => context.GetPlugin<IHealthMonitor>(HealthCheck.HealthCheckPlugin.PluginName),", "HealthCheck.HealthCheckPlugin.PluginName")]
    public void Checker_FindsAReferenceToAnotherPlugin(string line, string found)
    {
        var violations = Violations("ProcessManager", Source(line)).ToList();

        Assert.Equal([found], violations);
    }

    [Theory]
    [InlineData("using OpenDaemon.Plugins.Abstractions;")]
    [InlineData("using OpenDaemon.Plugins.Shared;")]
    [InlineData("using OpenDaemon.Plugins.ProcessManager.Lifecycle;")]
    [InlineData("var check = run.HealthCheck.Action; var name = PluginNames.LogManager;")]
    [InlineData("// the LogManager.LogManagerPlugin starts first")]
    [InlineData("/// <see cref=\"HealthCheck.HealthMonitor\"/> probes")]
    [InlineData("var text = \"see LogManager.Writing for details\";")]
    [InlineData("IProcessManager manager = HealthCheckMonitor.Create();")]
    public void Checker_AcceptsOwnAndSharedNamespaces_CommentsAndStrings(string line) =>
        Assert.Empty(Violations("ProcessManager", Source(line)));

    /// <summary>The references in <paramref name="source"/> (a file of <paramref name="plugin"/>'s folder) to another plugin's namespace.</summary>
    internal static IEnumerable<string> Violations(string plugin, string source)
    {
        var code = CommentsAndStrings().Replace(source, match => match.Value.StartsWith('/') ? " " : "\"\"");
        foreach (var other in Plugins.Where(other => other != plugin))
        {
            // Fully qualified (a using names the namespace itself), or relative to OpenDaemon.Plugins (then with a member).
            var reference = new Regex($@"(?<![\w.])(?:global::)?(OpenDaemon\.Plugins\.{other}\b(?:\.\w+)*|{other}(?:\.\w+)+)", RegexOptions.CultureInvariant);
            foreach (Match match in reference.Matches(code))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    // Line and block comments (XML docs too), verbatim and ordinary strings: none of them is a reference.
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CommentsAndStrings();

    private static string Source(string line) => $"namespace OpenDaemon.Plugins.ProcessManager;\n\ninternal sealed class Sample\n{{\n    {line}\n}}\n";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenDaemon.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no OpenDaemon.slnx above {AppContext.BaseDirectory}");
    }
}
