using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OpenDaemon.Hosting.Interop;
using OpenDaemon.Hosting.Paths;

namespace OpenDaemon.Hosting.Locking;

/// <summary>Reads and writes a file holding one PID, without ever taking a lock on it.</summary>
internal static class PidFile
{
    private const int MaxLength = 64;

    /// <summary>Writes the PID via temp file, fsync and rename, so readers see the old or the new PID, never half.</summary>
    internal static void WriteAtomic(string path, int pid)
    {
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!PlatformInfo.IsWindows)
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
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
    internal static int? TryRead(string path)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length;
        try
        {
            using SafeFileHandle? handle = OpenWithoutLock(path);
            if (handle is null)
            {
                return null;
            }

            length = RandomAccess.Read(handle, buffer, fileOffset: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(buffer[..length]);
    }

    /// <summary>Deletes the file unless it names another process (a successor's file is not ours to delete).</summary>
    internal static void DeleteIfOwnedBy(string path, int pid)
    {
        int? recorded = TryRead(path);
        if (recorded is null || recorded == pid)
        {
            File.Delete(path);
        }
    }

    internal static int? Parse(ReadOnlySpan<byte> content)
    {
        int newline = content.IndexOfAny((byte)'\n', (byte)'\r');
        ReadOnlySpan<byte> firstLine = newline >= 0 ? content[..newline] : content;
        return int.TryParse(firstLine.Trim(" \t"u8), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : null;
    }

    private static SafeFileHandle? OpenWithoutLock(string path)
    {
        if (PlatformInfo.IsUnix)
        {
            // FileStream would take a shared flock, which must never touch the daemon's lock file.
            return LibC.OpenReadOnly(path, out _);
        }

        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
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
