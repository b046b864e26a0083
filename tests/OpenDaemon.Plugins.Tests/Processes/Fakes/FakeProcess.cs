using System.Net.Sockets;
using System.Reflection;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>A process that is "running" until <see cref="Exit"/>; its whole group goes with it.</summary>
internal sealed class FakeProcess
{
    // Completes synchronously: the exit is in the actor's inbox when Exit returns.
    private readonly TaskCompletionSource<ProcessExit> _exited = new();

    public FakeProcess(int pid, bool withChannel = false)
    {
        Pid = pid;
        Socket? daemonEnd = null;
        if (withChannel)
        {
            (daemonEnd, AppChannel) = ConnectedPair();
        }

        Spawned = Create(pid, _exited.Task, daemonEnd);
    }

    public int Pid { get; }

    /// <summary>The app's end of its Node IPC channel, when it was spawned with one.</summary>
    public Socket? AppChannel { get; }

    public SpawnedProcess Spawned { get; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Ends the process with an exit code, or killed by a signal (by name).</summary>
    public void Exit(int? code = 0, string? signal = null) =>
        _exited.TrySetResult(new ProcessExit(signal is null ? code : null, signal is null ? null : Signals.Parse(signal), false));

    // SpawnedProcess has no public constructor (only the real spawner makes one); reflection is fine in tests.
    private static SpawnedProcess Create(int pid, Task<ProcessExit> exited, Socket? channel)
    {
        var constructor = typeof(SpawnedProcess).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic,
            [typeof(int), typeof(Socket), typeof(Socket), typeof(Task<ProcessExit>), typeof(Socket)])
            ?? throw new InvalidOperationException("SpawnedProcess's constructor changed; update the fake");
        var stdout = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var stderr = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        return (SpawnedProcess)constructor.Invoke([pid, stdout, stderr, exited, channel]);
    }

    // Two connected Unix stream sockets, as the spawner's socketpair gives (through a listener on a temporary path).
    private static (Socket, Socket) ConnectedPair()
    {
        var path = Path.Combine(Path.GetTempPath(), $"od-fake-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(path));
        var server = listener.Accept();
        File.Delete(path);
        return (client, server);
    }
}
