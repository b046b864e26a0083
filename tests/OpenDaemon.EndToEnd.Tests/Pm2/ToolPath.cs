namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary>Whether a program is on PATH.</summary>
internal static class ToolPath
{
    public static bool Exists(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
