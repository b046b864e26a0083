namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>Upper bounds for waits in tests: generous, so a slow CI machine does not flake, but never infinite.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Await = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds or <see cref="Await"/> passes.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Await;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(10);
        }
    }
}
