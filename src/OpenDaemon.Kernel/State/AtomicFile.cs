namespace OpenDaemon.Kernel.State;

/// <summary>
/// Replaces a file so that a crash at any moment leaves the old or the new content: write a temp
/// file in the same directory (same file system, so the rename is atomic), fsync it, rename over.
/// </summary>
/// <remarks>
/// The directory entry itself is not fsynced: a process crash (the case we guard) cannot lose a
/// completed rename; only a power loss right after it could bring the old content back, which is
/// still a whole file.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Prefix and suffix of temp files, so a loader can sweep ones left by a crash.</summary>
    /// <summary>Glob of the temp files a crash may leave beside <paramref name="fileName"/>.</summary>
    public static string TempPattern(string fileName) => $".{fileName}.*.tmp";

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="content"/> (mode 0600 on Unix; a missing directory is created 0700).</summary>
    /// <exception cref="IOException">The write failed; <see cref="IsDiskFull"/> tells a full disk apart.</exception>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string temp = Path.Join(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Plugin state may be sensitive (tokens, schedules): owner only, like the rest of OD_HOME.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
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

    /// <summary>True when <paramref name="error"/> is ENOSPC or EDQUOT: the file system (or the user's quota) is full.</summary>
    public static bool IsDiskFull(IOException error)
    {
        // On Unix the runtime puts the raw errno in HResult; on Windows it is an HRESULT.
        const int NoSpace = 28;
        int quota = OperatingSystem.IsLinux() ? 122 : 69;
        const int WindowsDiskFull = 112;
        const int WindowsHandleDiskFull = 39;
        return OperatingSystem.IsWindows()
            ? (error.HResult & 0xFFFF) is WindowsDiskFull or WindowsHandleDiskFull
            : error.HResult == NoSpace || error.HResult == quota;
    }

    /// <summary>Deletes a file, ignoring failures.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp file is swept on the next load.
        }
    }
}
