using System.Text;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Locking;

/// <summary>Reads and writes a file holding one PID, without ever taking a lock on it.</summary>
internal static class PidFile
{
    /// <summary>Writes the PID via temp file, fsync and rename, so readers see the old or the new PID, never half.</summary>
    internal static void WriteAtomic(string path, int pid)
    {
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!PlatformInfo.IsWindows)
        {
            // Like everything under the home: owner only. O_EXCL (CreateNew) never follows a
            // symlink, and the rename replaces whatever is at the path instead of writing through it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.ASCII.GetBytes($"{pid}\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The PID recorded in <paramref name="path"/>, or null if it is missing, unreadable or not a PID.</summary>
    internal static int? TryRead(string path) => DaemonLockProbe.ReadPid(path);

    /// <summary>Deletes the file unless it names another process (a successor's file is not ours to delete).</summary>
    internal static void DeleteIfOwnedBy(string path, int pid)
    {
        int? recorded = TryRead(path);
        if (recorded is null || recorded == pid)
        {
            File.Delete(path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting.
        }
    }
}
