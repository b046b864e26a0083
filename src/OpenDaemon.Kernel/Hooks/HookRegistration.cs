using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Kernel.Hooks;

/// <summary>One handler of one hook; disposing removes it.</summary>
internal sealed class HookRegistration(string hookName, HookHandler handler, PluginErrorBoundary? owner, HookRegistry registry) : IDisposable
{
    public string HookName { get; } = hookName;

    public HookHandler Handler { get; } = handler;

    public PluginErrorBoundary? Owner { get; } = owner;

    public void Dispose() => registry.Remove(this);
}
