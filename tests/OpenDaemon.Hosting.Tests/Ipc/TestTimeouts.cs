namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>Upper bounds for waits in tests: generous, so a slow CI machine does not flake, but never infinite.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Await = TimeSpan.FromSeconds(10);
}
