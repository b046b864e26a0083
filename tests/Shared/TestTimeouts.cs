namespace OpenDaemon.Testing;

/// <summary>Upper bounds for every await in tests: generous, because a 2-core CI box can be slow.</summary>
internal static class TestTimeouts
{
    /// <summary>For anything in-process.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(10);

    /// <summary>For anything involving starting a child process (a .NET child needs a runtime start-up).</summary>
    public static readonly TimeSpan Process = TimeSpan.FromSeconds(60);
}
