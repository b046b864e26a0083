namespace OpenDaemon.Kernel.Hooks;

/// <summary>The result of running every handler of a hook.</summary>
/// <param name="Vetoed">True when a handler refused the action; later handlers did not run.</param>
/// <param name="VetoedBy">The plugin that vetoed (null for a kernel handler or no veto).</param>
/// <param name="Reason">The veto reason, or null.</param>
/// <param name="FailedHandlers">Plugins whose handler threw (or was skipped because tripped); they did not veto.</param>
public sealed record HookOutcome(bool Vetoed, string? VetoedBy, string? Reason, IReadOnlyList<string> FailedHandlers)
{
    /// <summary>No veto, no failure.</summary>
    public static HookOutcome Allowed { get; } = new(false, null, null, []);
}
