namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary>A fact that is skipped, with the reason, on a machine without systemd-analyze (Debian package: systemd).</summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public SystemdAnalyzeFactAttribute()
    {
        if (!ToolPath.Exists("systemd-analyze"))
        {
            Skip = "systemd-analyze is not installed (apt-get install systemd; .ci/run installs it)";
        }
    }
}
