using System.Text.Json;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Tests.Support;

/// <summary>Loading helpers with a timeout on every await, and a structural comparison of configs.</summary>
internal static class TestConfig
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions CanonicalOptions = new() { WriteIndented = true };

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static Task<ConfigLoadResult> LoadAsync(string path, ConfigLoadOptions? options = null) =>
        ConfigLoader.LoadAsync(path, options ?? new ConfigLoadOptions(), CancellationToken.None).WaitAsync(Timeout);

    /// <summary>
    /// Records holding lists compare by reference, so configs are compared through a canonical
    /// JSON form; the config's directory is replaced so files in different folders can match.
    /// </summary>
    public static string Canonical(OpenDaemonConfig config, string directory) =>
        JsonSerializer.Serialize(config, CanonicalOptions).Replace(directory, "<dir>", StringComparison.Ordinal);

    public static OpenDaemonConfig AssertValid(ConfigLoadResult result)
    {
        Assert.True(result.IsValid, "expected a valid config, got:\n" + string.Join('\n', result.Problems));
        return result.Config!;
    }
}
