using OpenDaemon.Plugins.Audit.Reading;

namespace OpenDaemon.Plugins.Audit.Writing;

// The files, owned by the loop: opening where the chain left off, rotation, pruning and closing.
internal sealed partial class AuditWriter
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Everything written so far, opened for reading on the loop (so no rotation can race it).</summary>
    public AuditSnapshot Snapshot() => AuditSnapshot.Open(_settings.Directory, _last);

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_settings.Directory);
        }
        else
        {
            Directory.CreateDirectory(_settings.Directory, DirectoryMode700);
        }
    }

    private void Open()
    {
        CreateDirectory();
        var file = OpenCurrent();
        if (LastLine.Read(file) is var (line, terminated))
        {
            if (!terminated)
            {
                // Cut short by a crash: end it so that the next entry starts a line of its own; verify reports the cut line.
                file.Write("\n"u8);
                _fileLength = file.Length;
            }

            _last = AuditChain.Hash(line);
        }
        else
        {
            _last = LastHashOfRotated() ?? AuditChain.Genesis;
        }
    }

    private FileStream OpenCurrent()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600; // the log names users, pids and apps: owner only
        }

        var file = new FileStream(AuditFiles.Current(_settings.Directory), options);
        file.Seek(0, SeekOrigin.End);
        _fileLength = file.Length;
        _file = file;
        return file;
    }

    // Before each write (once per batch): a current file deleted, replaced, cut or appended to from
    // outside no longer has the length this loop wrote. The handle would write into a deleted file
    // nobody can read, so the path is opened again; the chain itself shows the change (the next line
    // links to the line this loop wrote last), and the daemon log says when it was noticed.
    private FileStream? ReopenIfChanged()
    {
        if (_file is null)
        {
            return null;
        }

        var info = new FileInfo(AuditFiles.Current(_settings.Directory));
        if (info.Exists && info.Length == _fileLength)
        {
            return null;
        }

        LogChangedOutside(_logger, info.FullName, _fileLength, info.Exists ? info.Length : -1);
        _file.Dispose();
        _file = null;
        // The chain goes on from the last line this loop wrote (never from what is there now), so that a
        // deleted log cannot restart a clean chain.
        CreateDirectory();
        return OpenCurrent();
    }

    private string? LastHashOfRotated()
    {
        foreach (var (_, path) in AuditFiles.Rotated(_settings.Directory).Reverse())
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (LastLine.Read(file) is var (line, _))
            {
                return AuditChain.Hash(line);
            }
        }

        return null;
    }

    private void Rotate()
    {
        try
        {
            if (_file is { } file)
            {
                file.Flush(flushToDisk: true);
                file.Dispose();
                _file = null;
            }

            var rotated = AuditFiles.Rotated(_settings.Directory);
            var next = rotated.Count == 0 ? 1 : rotated[^1].Number + 1;
            File.Move(AuditFiles.Current(_settings.Directory), AuditFiles.RotatedPath(_settings.Directory, next));
            foreach (var (_, path) in rotated.Take(Math.Max(0, rotated.Count + 1 - _settings.Keep)))
            {
                File.Delete(path);
            }

            OpenCurrent();
        }
        catch (IOException error)
        {
            LogWriteFailed(_logger, _settings.Directory, error);
        }
    }

    private void Close()
    {
        try
        {
            _file?.Flush(flushToDisk: true);
        }
        catch (IOException error)
        {
            LogWriteFailed(_logger, _settings.Directory, error);
        }
        finally
        {
            _file?.Dispose();
            _file = null;
        }
    }
}
