namespace OpenDaemon.Kernel.Hooks;

/// <summary>What a hook handler decided: continue, or veto the action with a reason.</summary>
public sealed record HookResult
{
    private HookResult(string? vetoReason) => VetoReason = vetoReason;

    /// <summary>Let the action go on (possibly with changed data).</summary>
    public static HookResult Continue { get; } = new((string?)null);

    /// <summary>Why the action is refused, or null to continue.</summary>
    public string? VetoReason { get; }

    /// <summary>True when the action is refused.</summary>
    public bool IsVeto => VetoReason is not null;

    /// <summary>Refuse the action; <paramref name="reason"/> reaches the user.</summary>
    public static HookResult Veto(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new HookResult(reason);
    }
}
