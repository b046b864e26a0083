using System.Text.Json;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Plugins.ProcessManager.Persistence;

/// <summary>Reads and atomically writes <see cref="ProcessDump"/> (temp file, fsync, rename).</summary>
internal static class DumpFile
{
    public static async Task WriteAsync(string path, ProcessDump dump, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(dump, ProcessDumpJsonContext.Default.ProcessDump);
        try
        {
            await AtomicFile.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error) when (AtomicFile.IsDiskFull(error))
        {
            // The old dump.json is untouched (the temp file is gone): say so, and what to free.
            throw new DaemonException(
                ErrorCode.DiskFull,
                $"cannot save the process list to {path}: no space left on the device (the previous save is kept)",
                $"free space on the file system of {Path.GetDirectoryName(path)} ('df -h {Path.GetDirectoryName(path)}'), then run 'od save' again",
                error);
        }
    }

    public static async Task<ProcessDump> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new DaemonException(ErrorCode.ConfigNotFound, $"there is no saved process list at {path}", "save one first with 'od save'");
        }

        try
        {
            var dump = JsonSerializer.Deserialize(bytes, ProcessDumpJsonContext.Default.ProcessDump)
                ?? throw new JsonException("empty");
            return dump.Version == ProcessDump.CurrentVersion ? dump : throw new DaemonException(
                ErrorCode.ConfigInvalid,
                $"{path} has version {dump.Version}; this od reads version {ProcessDump.CurrentVersion}",
                "save the process list again with this version of od");
        }
        catch (JsonException error)
        {
            throw new DaemonException(ErrorCode.ConfigInvalid, $"{path} is not a valid process list: {error.Message}", "save it again with 'od save', or delete it");
        }
    }

    /// <summary>
    /// Whether a restored instance starts: it does when it was running (or crashing) when saved.
    /// One that was stopped stays stopped, whatever its policy: a stop requested by a user is
    /// never undone by the daemon, across restarts included (as <c>pm2 resurrect</c>).
    /// </summary>
    public static bool ShouldStart(DumpedInstance instance) =>
        instance.State is ProcessState.Starting or ProcessState.Online or ProcessState.Stopping or ProcessState.Errored;
}
