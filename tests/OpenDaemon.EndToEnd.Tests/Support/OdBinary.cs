namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>
/// The <c>od</c> executable under test: the apphost that the referenced CLI project copies next
/// to the test assembly. Set <c>OD_TEST_BINARY</c> to test another build, e.g. the AOT binary.
/// </summary>
internal static class OdBinary
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var overridden = System.Environment.GetEnvironmentVariable("OD_TEST_BINARY");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        var candidate = System.IO.Path.Combine(AppContext.BaseDirectory, "od");
        return File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException($"the od binary was not built next to the tests ({candidate})");
    }
}
