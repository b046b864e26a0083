using System.Globalization;
using OpenDaemon.Cli.Monit.Input;
using OpenDaemon.Cli.Monit.Render;

namespace OpenDaemon.Cli.Monit;

/// <summary>
/// What each key does (docs/monit.md lists them): a pure step from one model to the next, plus the
/// request for the session when the key needs the daemon. Prompts (filter, delete y/n) take keys first.
/// </summary>
internal static class MonitKeys
{
    private const int Page = 10;

    /// <param name="model">The model before the key.</param>
    /// <param name="key">The key.</param>
    /// <param name="width">Screen columns (mouse clicks are mapped through the layout).</param>
    /// <param name="height">Screen rows.</param>
    public static (MonitModel Model, MonitAction? Action) Apply(MonitModel model, TerminalKey key, int width, int height)
    {
        if (key.Kind == KeyKind.CtrlC)
        {
            return (model, MonitAction.Quit);
        }

        return model.Prompt switch
        {
            MonitPrompt.Filter => FilterKey(model, key),
            MonitPrompt.ConfirmDelete => ConfirmKey(model, key),
            _ when key is { Kind: KeyKind.Char, Char: 'q' } => (model, MonitAction.Quit),
            _ => model.View switch
            {
                MonitView.Logs => LogsKey(model, key),
                MonitView.Help => (model with { View = MonitView.Dashboard }, null),
                MonitView.Details => DetailsKey(model, key),
                _ => DashboardKey(model, key, width, height),
            },
        };
    }

    private static (MonitModel, MonitAction?) DashboardKey(MonitModel model, TerminalKey key, int width, int height)
    {
        var selected = model.Selected;
        var cleared = model with { Message = null, MessageIsError = false };
        return key switch
        {
            { Kind: KeyKind.Up or KeyKind.WheelUp } or { Kind: KeyKind.Char, Char: 'k' } => Move(cleared, -1),
            { Kind: KeyKind.Down or KeyKind.WheelDown } or { Kind: KeyKind.Char, Char: 'j' } => Move(cleared, +1),
            { Kind: KeyKind.Home } => Move(cleared, int.MinValue / 2),
            { Kind: KeyKind.End } => Move(cleared, int.MaxValue / 2),
            { Kind: KeyKind.MouseClick } => Click(cleared, key, width, height),
            { Kind: KeyKind.Enter } when selected is not null => (cleared with { View = MonitView.Details }, MonitAction.SelectionChanged),
            { Kind: KeyKind.PageUp } => (Scroll(cleared, +Page), null),
            { Kind: KeyKind.PageDown } => (Scroll(cleared, -Page), null),
            { Kind: KeyKind.Escape } => (cleared, null),
            { Kind: KeyKind.Char } => DashboardChar(cleared, key.Char, selected),
            _ => (model, null),
        };
    }

    private static (MonitModel, MonitAction?) DashboardChar(MonitModel model, char character, Contracts.Processes.ProcessSummary? selected)
    {
        var id = selected?.Id.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var app = selected?.Name ?? string.Empty;
        return (character, selected) switch
        {
            ('?', _) => (model with { View = MonitView.Help }, null),
            ('/', _) => (model with { Prompt = MonitPrompt.Filter }, null),
            ('l', _) => (model with { View = MonitView.Logs }, null),
            ('a', _) => (model with { LogPane = model.LogPane with { AllApps = !model.LogPane.AllApps, Scroll = 0 } }, MonitAction.SelectionChanged),
            (' ', _) => (TogglePause(model), null),
            (_, null) => (model, null),
            ('r', _) => (Busy(model, $"restarting {Describe(selected)}…"), new MonitAction(MonitActionKind.Restart, id)),
            ('s', _) => (Busy(model, $"stopping {Describe(selected)}…"), new MonitAction(MonitActionKind.Stop, id)),
            ('R', _) => (Busy(model, $"reloading {app}…"), new MonitAction(MonitActionKind.Reload, app)),
            ('+', _) => (Busy(model, $"scaling {app} up by one…"), new MonitAction(MonitActionKind.ScaleUp, app)),
            ('-', _) => (Busy(model, $"scaling {app} down by one…"), new MonitAction(MonitActionKind.ScaleDown, app)),
            ('d', _) => (model with { Prompt = MonitPrompt.ConfirmDelete }, null),
            _ => (model, null),
        };
    }

    private static (MonitModel, MonitAction?) FilterKey(MonitModel model, TerminalKey key)
    {
        var next = key switch
        {
            { Kind: KeyKind.Enter } => model with { Prompt = MonitPrompt.None },
            { Kind: KeyKind.Escape } => model with { Prompt = MonitPrompt.None, Filter = string.Empty },
            { Kind: KeyKind.Backspace } => model with { Filter = model.Filter.Length == 0 ? string.Empty : model.Filter[..^1] },
            { Kind: KeyKind.Char } => model with { Filter = model.Filter + key.Char },
            _ => model,
        };
        return (next, next.Selected?.Id != model.Selected?.Id ? MonitAction.SelectionChanged : null);
    }

    private static (MonitModel, MonitAction?) ConfirmKey(MonitModel model, TerminalKey key)
    {
        var answered = model with { Prompt = MonitPrompt.None };
        return key is { Kind: KeyKind.Char, Char: 'y' or 'Y' } && model.Selected is { } selected
            ? (Busy(answered, $"deleting {selected.Name}…"), new MonitAction(MonitActionKind.Delete, selected.Name))
            : (answered with { Message = "delete cancelled", MessageIsError = false }, null);
    }

    private static (MonitModel, MonitAction?) LogsKey(MonitModel model, TerminalKey key) => key switch
    {
        { Kind: KeyKind.Up or KeyKind.WheelUp } or { Kind: KeyKind.Char, Char: 'k' } => (Scroll(model, +1), null),
        { Kind: KeyKind.Down or KeyKind.WheelDown } or { Kind: KeyKind.Char, Char: 'j' } => (Scroll(model, -1), null),
        { Kind: KeyKind.PageUp } => (Scroll(model, +Page), null),
        { Kind: KeyKind.PageDown } => (Scroll(model, -Page), null),
        { Kind: KeyKind.Home } => (Scroll(model, int.MaxValue / 2), null),
        { Kind: KeyKind.End } => (model with { LogPane = model.LogPane with { Scroll = 0 } }, null),
        { Kind: KeyKind.Char, Char: ' ' } => (TogglePause(model), null),
        { Kind: KeyKind.Char, Char: 'a' } => (model with { LogPane = model.LogPane with { AllApps = !model.LogPane.AllApps, Scroll = 0 } }, MonitAction.SelectionChanged),
        { Kind: KeyKind.Char, Char: '?' } => (model with { View = MonitView.Help }, null),
        { Kind: KeyKind.Escape } or { Kind: KeyKind.Char, Char: 'l' } => (model with { View = MonitView.Dashboard }, null),
        _ => (model, null),
    };

    private static (MonitModel, MonitAction?) DetailsKey(MonitModel model, TerminalKey key) => key switch
    {
        { Kind: KeyKind.Up } or { Kind: KeyKind.Char, Char: 'k' } => Move(model, -1),
        { Kind: KeyKind.Down } or { Kind: KeyKind.Char, Char: 'j' } => Move(model, +1),
        { Kind: KeyKind.Char, Char: 'l' } => (model with { View = MonitView.Logs }, null),
        { Kind: KeyKind.Char, Char: '?' } => (model with { View = MonitView.Help }, null),
        { Kind: KeyKind.Escape or KeyKind.Enter or KeyKind.Backspace } => (model with { View = MonitView.Dashboard }, null),
        _ => (model, null),
    };

    private static (MonitModel, MonitAction?) Move(MonitModel model, int by)
    {
        var visible = model.Visible;
        if (visible.Count == 0)
        {
            return (model, null);
        }

        var current = model.Selected;
        var index = 0;
        while (index < visible.Count && visible[index].Id != current?.Id)
        {
            index++;
        }

        var next = visible[Math.Clamp((long)index + by, 0, visible.Count - 1) is var target ? (int)target : 0];
        return next.Id == current?.Id
            ? (model, null)
            : (model with { SelectedId = next.Id, LogPane = model.LogPane with { Scroll = 0 } }, MonitAction.SelectionChanged);
    }

    private static (MonitModel, MonitAction?) Click(MonitModel model, TerminalKey key, int width, int height)
    {
        if (MonitScreen.InstanceAt(model, width, height, key.Row - 1) is not { } id || id == model.Selected?.Id)
        {
            return (model, null);
        }

        return (model with { SelectedId = id, LogPane = model.LogPane with { Scroll = 0 } }, MonitAction.SelectionChanged);
    }

    private static MonitModel Scroll(MonitModel model, int by)
    {
        var lines = MonitLogView.Scoped(model).Count;
        var scroll = (int)Math.Clamp((long)model.LogPane.Scroll + by, 0, Math.Max(0, lines - 1));
        return model with { LogPane = model.LogPane with { Scroll = scroll } };
    }

    private static MonitModel TogglePause(MonitModel model) =>
        model with { LogPane = model.LogPane.Paused ? model.LogPane with { Paused = false, Scroll = 0 } : model.LogPane with { Paused = true } };

    private static MonitModel Busy(MonitModel model, string message) => model with { Message = message, MessageIsError = false };

    private static string Describe(Contracts.Processes.ProcessSummary process) =>
        process.Instance > 0 ? $"{process.Name} [{process.Instance}]" : process.Name;
}
