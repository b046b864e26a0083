namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>Reads the last line of a file from its end (audit files can be large; lines are short).</summary>
internal static class LastLine
{
    private const int Block = 16 * 1024;

    /// <summary>The last line's bytes without its newline, and whether it was ended by one; null for an empty file.</summary>
    public static (byte[] Line, bool Terminated)? Read(FileStream file)
    {
        var length = file.Length;
        if (length == 0)
        {
            return null;
        }

        var terminated = ReadByteAt(file, length - 1) == (byte)'\n';
        var end = terminated ? length - 1 : length;
        var start = end;
        var buffer = new byte[Block];
        while (start > 0)
        {
            var size = (int)Math.Min(Block, start);
            file.Position = start - size;
            file.ReadExactly(buffer, 0, size);
            var newline = buffer.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = start - size + newline + 1;
                break;
            }

            start -= size;
        }

        var line = new byte[end - start];
        file.Position = start;
        file.ReadExactly(line);
        file.Position = length;
        return (line, terminated);
    }

    private static int ReadByteAt(FileStream file, long position)
    {
        file.Position = position;
        return file.ReadByte();
    }
}
