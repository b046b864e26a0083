namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary>A fact that is skipped, with the reason, on a machine without promtool (Debian package: prometheus).</summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (!ToolPath.Exists("promtool"))
        {
            Skip = "promtool is not installed (apt-get install prometheus; .ci/run installs it)";
        }
    }
}
