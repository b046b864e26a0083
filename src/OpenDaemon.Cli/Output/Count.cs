namespace OpenDaemon.Cli.Output;

/// <summary>Counted nouns for messages: "1 app (2 instances)".</summary>
internal static class Count
{
    public static string Of(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    public static string Apps(int apps, int instances) => $"{Of(apps, "app")} ({Of(instances, "instance")})";
}
