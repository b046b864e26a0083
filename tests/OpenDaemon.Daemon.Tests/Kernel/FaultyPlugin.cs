using System.Text.Json;
using OpenDaemon.Ipc;
using OpenDaemon.Kernel.Plugins;

namespace OpenDaemon.Daemon.Tests.Kernel;

/// <summary>A deliberately broken plugin: its one RPC method always throws an unexpected exception.</summary>
internal sealed class FaultyPlugin : IPlugin
{
    public const string BoomMethod = "faulty.boom";
    public const string FineMethod = "faulty.fine";

    public string Name => "faulty";

    public string Version => "1.0.0";

    public string Description => "throws on purpose";

    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        context.RegisterMethod(BoomMethod, (_, _) => throw new InvalidOperationException("boom"));
        context.RegisterMethod(FineMethod, (_, _) => ValueTask.FromResult<JsonRpcResult>(JsonSerializer.SerializeToElement(true)));
        return ValueTask.CompletedTask;
    }
}
