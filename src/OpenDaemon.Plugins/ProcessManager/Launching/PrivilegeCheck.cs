using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>Only root may run an app as another user or group; say so before trying.</summary>
internal static class PrivilegeCheck
{
    public static void Verify(string app, int? uid, int? gid, int effectiveUid, int effectiveGid)
    {
        var switchesUser = uid is { } u && u != effectiveUid;
        var switchesGroup = gid is { } g && g != effectiveGid;
        if (effectiveUid != 0 && (switchesUser || switchesGroup))
        {
            var what = switchesUser ? $"uid {uid}" : $"gid {gid}";
            throw new DaemonException(
                ErrorCode.PermissionDenied,
                $"app {app}: running it as {what} needs root, and the daemon runs as uid {effectiveUid}",
                "run the daemon as root, or remove uid/gid from the app");
        }
    }
}
