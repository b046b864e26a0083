using OpenDaemon.Cli.Monit;
using OpenDaemon.Cli.Monit.Input;

namespace OpenDaemon.Cli.Tests.Monit;

public sealed class MonitKeysTests
{
    [Fact]
    public void Apply_DownThenUp_MovesTheSelectionAndAsksToFollowIt()
    {
        var model = MonitModels.Busy();

        var (down, action) = Press(model, new TerminalKey(KeyKind.Down));
        var (up, _) = Press(down, new TerminalKey(KeyKind.Up));

        Assert.Equal(1, down.SelectedId);
        Assert.Equal(MonitAction.SelectionChanged, action);
        Assert.Equal(0, up.SelectedId);
    }

    [Fact]
    public void Apply_UpOnTheFirstRow_StaysWithoutAction()
    {
        var (model, action) = Press(MonitModels.Busy(), new TerminalKey(KeyKind.Up));

        Assert.Equal(0, model.SelectedId);
        Assert.Null(action);
    }

    [Theory]
    [InlineData('r', nameof(MonitActionKind.Restart), "2")]
    [InlineData('s', nameof(MonitActionKind.Stop), "2")]
    [InlineData('R', nameof(MonitActionKind.Reload), "worker")]
    [InlineData('+', nameof(MonitActionKind.ScaleUp), "worker")]
    [InlineData('-', nameof(MonitActionKind.ScaleDown), "worker")]
    public void Apply_ActionKey_ActsOnTheSelectedInstanceOrApp(char key, string kind, string target)
    {
        var (model, action) = Press(MonitModels.Busy() with { SelectedId = 2 }, TerminalKey.Of(key));

        Assert.Equal(new MonitAction(Enum.Parse<MonitActionKind>(kind), target), action);
        Assert.NotNull(model.Message);
    }

    [Fact]
    public void Apply_DeleteAskedThenYes_DeletesTheApp()
    {
        var (asked, none) = Press(MonitModels.Busy(), TerminalKey.Of('d'));
        var (answered, action) = Press(asked, TerminalKey.Of('y'));

        Assert.Null(none);
        Assert.Equal(MonitPrompt.ConfirmDelete, asked.Prompt);
        Assert.Equal(new MonitAction(MonitActionKind.Delete, "api-gateway"), action);
        Assert.Equal(MonitPrompt.None, answered.Prompt);
    }

    [Fact]
    public void Apply_DeleteAskedThenAnythingElse_Cancels()
    {
        var (asked, _) = Press(MonitModels.Busy(), TerminalKey.Of('d'));
        var (answered, action) = Press(asked, TerminalKey.Of('q'));

        Assert.Null(action);
        Assert.Equal("delete cancelled", answered.Message);
    }

    [Fact]
    public void Apply_FilterTyped_ListsMatchingAppsAndMovesTheSelectionIntoThem()
    {
        var model = MonitModels.Busy();
        foreach (var key in new[] { TerminalKey.Of('/'), TerminalKey.Of('w'), TerminalKey.Of('o'), TerminalKey.Of('x'), new TerminalKey(KeyKind.Backspace), new TerminalKey(KeyKind.Enter) })
        {
            model = Press(model, key).Model;
        }

        Assert.Equal("wo", model.Filter);
        Assert.Equal(MonitPrompt.None, model.Prompt);
        Assert.Equal(["worker"], model.Visible.Select(process => process.Name));
        Assert.Equal(2, model.Selected?.Id);
    }

    [Fact]
    public void Apply_QWhileFiltering_IsTypedNotQuit()
    {
        var (filtering, _) = Press(MonitModels.Busy(), TerminalKey.Of('/'));

        var (model, action) = Press(filtering, TerminalKey.Of('q'));

        Assert.NotEqual(MonitAction.Quit, action);
        Assert.Equal("q", model.Filter);
    }

    [Fact]
    public void Apply_CtrlCAnywhere_Quits()
    {
        var (filtering, _) = Press(MonitModels.Busy(), TerminalKey.Of('/'));

        Assert.Equal(MonitAction.Quit, Press(filtering, new TerminalKey(KeyKind.CtrlC)).Action);
        Assert.Equal(MonitAction.Quit, Press(MonitModels.Busy(), TerminalKey.Of('q')).Action);
    }

    [Fact]
    public void Apply_ClickOnARow_SelectsThatInstance()
    {
        // Screen row 6 (1-based) is the third table row: instance 2.
        var (model, action) = Press(MonitModels.Busy(), new TerminalKey(KeyKind.MouseClick, Column: 10, Row: 6));

        Assert.Equal(2, model.SelectedId);
        Assert.Equal(MonitAction.SelectionChanged, action);
    }

    [Fact]
    public void Apply_LogsViewKeys_ScrollPauseAndGoBack()
    {
        var (logs, _) = Press(MonitModels.Busy(), TerminalKey.Of('l'));
        var (scrolled, _) = Press(logs, new TerminalKey(KeyKind.Up));
        var (paused, _) = Press(scrolled, TerminalKey.Of(' '));
        var (back, _) = Press(paused, new TerminalKey(KeyKind.Escape));

        Assert.Equal(MonitView.Logs, logs.View);
        Assert.Equal(1, scrolled.LogPane.Scroll);
        Assert.True(paused.LogPane.Paused);
        Assert.Equal(MonitView.Dashboard, back.View);
    }

    [Fact]
    public void Apply_HelpThenAnyKey_ReturnsToTheDashboard()
    {
        var (help, _) = Press(MonitModels.Busy(), TerminalKey.Of('?'));
        var (back, _) = Press(help, TerminalKey.Of('x'));

        Assert.Equal(MonitView.Help, help.View);
        Assert.Equal(MonitView.Dashboard, back.View);
    }

    private static (MonitModel Model, MonitAction? Action) Press(MonitModel model, TerminalKey key) => MonitKeys.Apply(model, key, 80, 24);
}
