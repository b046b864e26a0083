using OpenDaemon.Client;
using OpenDaemon.Contracts.Environment;

namespace OpenDaemon.Daemon.Tests;

/// <summary>A throwaway OD_HOME (short, under /tmp, so socket paths stay legal) for one test.</summary>
internal sealed class TemporaryHome : IDisposable
{
    public TemporaryHome() => Path = Directory.CreateTempSubdirectory("od-dt-").FullName;

    public string Path { get; }

    public OdEnvironment Environment => new(Path, HomeIsExplicit: true, SocketOverride: null);

    public DaemonHostOptions HostOptions => new()
    {
        Environment = Environment,
        HandleSignals = false,
        LogToStandardError = false,
    };

    public OdClientOptions ClientOptions => new() { Environment = Environment };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: /tmp is cleaned by the OS.
        }
    }
}
