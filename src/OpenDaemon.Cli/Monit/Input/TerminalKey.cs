namespace OpenDaemon.Cli.Monit.Input;

/// <summary>One key press (or mouse event) read from the terminal.</summary>
/// <param name="Kind">What was pressed.</param>
/// <param name="Char">The character, for <see cref="KeyKind.Char"/>.</param>
/// <param name="Column">1-based screen column of a mouse event.</param>
/// <param name="Row">1-based screen row of a mouse event.</param>
internal readonly record struct TerminalKey(KeyKind Kind, char Char = '\0', int Column = 0, int Row = 0)
{
    public static TerminalKey Of(char character) => new(KeyKind.Char, character);
}

/// <summary>The keys <c>od monit</c> tells apart.</summary>
internal enum KeyKind
{
    Char,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Escape,
    Backspace,
    Tab,
    CtrlC,
    MouseClick,
    WheelUp,
    WheelDown,
}
