using System.Runtime.CompilerServices;
using OpenDaemon.Cli.Monit;
using OpenDaemon.Cli.Monit.Render;

namespace OpenDaemon.Cli.Tests.Monit;

/// <summary>
/// The dashboard's screens, compared with the files in Snapshots/. After an intended change of the layout,
/// run with <c>OD_UPDATE_SNAPSHOTS=1</c> once, read the diff of the .txt files, and commit them.
/// </summary>
public sealed class MonitScreenTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(160, 48)]
    public void Render_BusyDashboard_MatchesSnapshot(int width, int height) =>
        AssertSnapshot($"dashboard-{width}x{height}", MonitScreen.Render(MonitModels.Busy(), width, height, color: false), width, height);

    [Theory]
    [InlineData(80, 24)]
    [InlineData(160, 48)]
    public void Render_NoAppsNoHistory_MatchesSnapshot(int width, int height) =>
        AssertSnapshot($"empty-{width}x{height}", MonitScreen.Render(MonitModels.Empty(), width, height, color: false), width, height);

    [Fact]
    public void Render_HelpOverlay_MatchesSnapshot() =>
        AssertSnapshot("help-80x24", MonitScreen.Render(MonitModels.Busy() with { View = MonitView.Help }, 80, 24, color: false), 80, 24);

    [Fact]
    public void Render_LogsViewFilteredAndPaused_MatchesSnapshot()
    {
        var model = MonitModels.Busy() with { View = MonitView.Logs, LogPane = new LogPaneState { AllApps = true, Paused = true } };

        AssertSnapshot("logs-80x24", MonitScreen.Render(model, 80, 24, color: false), 80, 24);
    }

    [Fact]
    public void Render_FilterPromptAndReconnecting_MatchesSnapshot()
    {
        var model = MonitModels.Busy() with { Filter = "work", Prompt = MonitPrompt.Filter, Connected = false };

        AssertSnapshot("filter-reconnecting-80x24", MonitScreen.Render(model, 80, 24, color: false), 80, 24);
    }

    [Fact]
    public void Render_WithoutColour_HasNoEscapeSequenceAtAll()
    {
        foreach (var view in Enum.GetValues<MonitView>())
        {
            var lines = MonitScreen.Render(MonitModels.Busy() with { View = view }, 120, 40, color: false);

            Assert.All(lines, line => Assert.DoesNotContain('\u001b', line));
        }
    }

    [Fact]
    public void Render_WithColour_PaintsButKeepsEveryLineTheScreenWidth()
    {
        var lines = MonitScreen.Render(MonitModels.Busy(), 80, 24, color: true);

        Assert.Contains(lines, line => line.Contains("\u001b[", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Equal(80, Visible(line).Length));
    }

    [Fact]
    public void Render_SelectionBelowTheWindow_ScrollsTheTableToKeepItInView()
    {
        var many = Enumerable.Range(0, 40).Select(id => MonitModels.Process(id, $"app{id}")).ToList();
        var model = MonitModels.Empty() with { Processes = many, SelectedId = 35 };

        var lines = MonitScreen.Render(model, 80, 24, color: false);

        Assert.Contains(lines, line => line.StartsWith("│ ›   35 app35 ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(" app0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_TooSmall_SaysWhatItNeeds()
    {
        var lines = MonitScreen.Render(MonitModels.Busy(), 39, 8, color: false);

        Assert.Equal(8, lines.Count);
        Assert.StartsWith("od monit needs 40×12 (now 39×8)", lines[0], StringComparison.Ordinal);
    }

    private static string Visible(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", string.Empty);

    private static void AssertSnapshot(string name, IReadOnlyList<string> lines, int width, int height, [CallerFilePath] string source = "")
    {
        Assert.Equal(height, lines.Count);
        Assert.All(lines, line => Assert.Equal(width, line.Length));
        var actual = string.Join('\n', lines) + "\n";
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("OD_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"no snapshot {path}: run the test once with OD_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
