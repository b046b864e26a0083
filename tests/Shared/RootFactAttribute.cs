using System.Runtime.InteropServices;

namespace OpenDaemon.Testing;

/// <summary>A fact that needs root: it plays "another user" by chown-ing files to nobody (65534) or setuid-ing a child.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed partial class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || GetEffectiveUid() != 0)
        {
            Skip = "needs root on Linux: simulates another user with chown/setuid to uid 65534";
        }
    }

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUid() == 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();
}
