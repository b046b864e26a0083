namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary>A fact that is skipped, with the reason, where npm is not installed (PM2 comes from npm).</summary>
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        if (!ToolPath.Exists("npm"))
        {
            Skip = "npm is not installed, so PM2 cannot be installed to write a real dump";
        }
    }
}
