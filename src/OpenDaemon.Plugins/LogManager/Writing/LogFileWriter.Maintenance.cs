namespace OpenDaemon.Plugins.LogManager.Writing;

// PM2's `flush` (empty the file) and `reloadLogs` (reopen it after an outside logrotate moved it),
// done under the writer's lock so that no batch is half in the old file and half in the new.
internal sealed partial class LogFileWriter
{
    /// <summary>Writes what is buffered, then empties the file; false when the file could not be written.</summary>
    public bool Truncate()
    {
        lock (_lock)
        {
            if (_closed || _discarding || !WriteBuffered() || _file is null)
            {
                return false;
            }

            RandomAccess.SetLength(_file, 0);
            _fileLength = 0;
            return true;
        }
    }

    /// <summary>
    /// Writes what is buffered to the file it has open, then opens the path afresh: after an outside
    /// tool renamed the file, new lines go to a new file at the configured path.
    /// </summary>
    public void Reopen()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            WriteBuffered();
            _file?.Dispose();
            _file = null;
            _discarding = false;
            TryReopen();
        }
    }
}
