namespace OpenDaemon.Kernel.Hooks;

/// <summary>Intercepts a named action: may change <paramref name="context"/> and continue, or veto.</summary>
public delegate ValueTask<HookResult> HookHandler(HookContext context, CancellationToken cancellationToken);
