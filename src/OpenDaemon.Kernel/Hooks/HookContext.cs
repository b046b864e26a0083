using System.Text.Json.Nodes;

namespace OpenDaemon.Kernel.Hooks;

/// <summary>
/// The action a hook intercepts, as mutable data the handlers may change in turn (for example
/// <c>process:beforeStart</c>: a handler adds to <see cref="Environment"/>). The code that runs
/// the hook reads the data back after <see cref="HookRegistry.RunAsync"/>.
/// </summary>
public sealed class HookContext
{
    /// <summary>Creates a context for <paramref name="hookName"/> about <paramref name="subject"/>.</summary>
    public HookContext(string hookName, string? subject = null, IDictionary<string, string>? environment = null, JsonObject? data = null)
    {
        HookName = hookName;
        Subject = subject;
        Environment = environment ?? new Dictionary<string, string>(StringComparer.Ordinal);
        Data = data ?? [];
    }

    /// <summary>The hook being run, for example <c>process:beforeStart</c>.</summary>
    public string HookName { get; }

    /// <summary>What the action is about (an app name), or null.</summary>
    public string? Subject { get; }

    /// <summary>Environment variables of the action; handlers may add, change or remove.</summary>
    public IDictionary<string, string> Environment { get; }

    /// <summary>Any other action data, as JSON the handlers may change.</summary>
    public JsonObject Data { get; }
}
