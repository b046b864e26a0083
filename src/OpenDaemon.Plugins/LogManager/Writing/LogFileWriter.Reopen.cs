namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>Surviving the log file or its directory being deleted (<c>rm -rf $OD_HOME/logs</c>) or replaced.</summary>
/// <remarks>
/// Before every write (a flush, so at most a few per second per file) the path is looked up once: when
/// no file is there any more, the open handle points at a deleted file whose lines nobody could read.
/// The directory is recreated (0700) and the file reopened, so the lines being written land in the new
/// file; the check runs before the write, so no line of this writer goes to the deleted file and the
/// warning says how many went to the new one instead. Called under the writer's lock only.
/// </remarks>
internal sealed partial class LogFileWriter
{
    private void ReopenIfDeleted(ReadOnlySpan<byte> pending)
    {
        if (File.Exists(Path))
        {
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var directoryGone = !Directory.Exists(directory);
        if (directoryGone)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        _file?.Dispose();
        _file = null;
        Open();
        LogReopened(_logger, Path, directoryGone ? "its directory was deleted" : "it was deleted", pending.Count((byte)'\n'));
    }
}
