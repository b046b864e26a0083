using System.Buffers.Text;
using System.Globalization;
using System.IO.Enumeration;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// The per-process files behind <see cref="TreeDetails"/>: the number of entries of /proc/&lt;pid&gt;/fd
/// (counted without allocating a name per entry) and the counters of /proc/&lt;pid&gt;/io.
/// </summary>
internal static class ProcDetails
{
    /// <summary>/proc/&lt;pid&gt;/io is seven short lines.</summary>
    public const int IoBufferSize = 512;

    /// <summary>Open descriptors of <paramref name="pid"/>; -1 when unreadable (another user's process, or gone).</summary>
    public static int CountOpenFiles(int pid)
    {
        // Linux 6.2+: the directory's size is the count (one statx). Older kernels report 0: list it.
        Span<byte> path = stackalloc byte[32];
        "/proc/"u8.CopyTo(path);
        pid.TryFormat(path[6..], out int digits, provider: CultureInfo.InvariantCulture);
        "/fd\0"u8.CopyTo(path[(6 + digits)..]);
        long size = LibC.StatSize(path);
        if (size > 0)
        {
            return (int)Math.Min(int.MaxValue, size);
        }

        return CountByListing(pid);
    }

    /// <summary>Open descriptors by listing /proc/&lt;pid&gt;/fd (kernels before 6.2), without a string per entry.</summary>
    internal static int CountByListing(int pid)
    {
        try
        {
            var entries = new FileSystemEnumerable<byte>(
                string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/fd"),
                static (ref FileSystemEntry _) => 0,
                new EnumerationOptions { IgnoreInaccessible = false, RecurseSubdirectories = false, AttributesToSkip = 0 });
            int count = 0;
            foreach (byte _ in entries)
            {
                count++;
            }

            return count;
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return -1;
        }
    }

    /// <summary>Reads /proc/<paramref name="pid"/>/io; false when unreadable.</summary>
    public static bool TryReadIo(int pid, Span<byte> buffer, out long readChars, out long writeChars, out long readBytes, out long writeBytes)
    {
        readChars = writeChars = readBytes = writeBytes = 0;
        Span<byte> path = stackalloc byte[32];
        "/proc/"u8.CopyTo(path);
        pid.TryFormat(path[6..], out int digits, provider: CultureInfo.InvariantCulture);
        "/io\0"u8.CopyTo(path[(6 + digits)..]);
        int count = LibC.ReadSmallFile(path, buffer);
        if (count <= 0)
        {
            return false;
        }

        return TryParseIo(buffer[..count], out readChars, out writeChars, out readBytes, out writeBytes);
    }

    /// <summary>Parses the <c>name: value</c> lines of /proc/&lt;pid&gt;/io.</summary>
    public static bool TryParseIo(ReadOnlySpan<byte> text, out long readChars, out long writeChars, out long readBytes, out long writeBytes)
    {
        readChars = writeChars = readBytes = writeBytes = 0;
        int found = 0;
        foreach (Range range in text.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = text[range];
            int colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            ReadOnlySpan<byte> name = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].TrimStart((byte)' ');
            if (!Utf8Parser.TryParse(value, out long number, out _))
            {
                continue;
            }

            if (name.SequenceEqual("rchar"u8)) { readChars = number; found++; }
            else if (name.SequenceEqual("wchar"u8)) { writeChars = number; found++; }
            else if (name.SequenceEqual("read_bytes"u8)) { readBytes = number; found++; }
            else if (name.SequenceEqual("write_bytes"u8)) { writeBytes = number; found++; }
        }

        return found == 4;
    }
}
