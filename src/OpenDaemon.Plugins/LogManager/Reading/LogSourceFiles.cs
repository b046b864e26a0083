namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// The files of one <see cref="LogSource"/> a query reads, oldest first: its rotated files (those rotated
/// before the query's <c>since</c> left out: everything in them is older) and last the current file.
/// </summary>
internal sealed class LogSourceFiles
{
    public LogSourceFiles(LogSource source, LogQuery query)
    {
        Rotated = query.IncludeHistory
            ? [.. LogFileNames.FindRotated(source.CurrentPath, source.RotationDirectory).Where(file => !(query.Since > file.RotatedAt))]
            : [];
        CurrentPath = source.CurrentPath;
    }

    public IReadOnlyList<RotatedLogFile> Rotated { get; }

    public string CurrentPath { get; }

    /// <summary>Rotated files plus the current one.</summary>
    public int Count => Rotated.Count + 1;

    public DateTimeOffset? NewestRotatedAt => Rotated.Count == 0 ? null : Rotated[^1].RotatedAt;

    public bool IsCurrent(int index) => index == Rotated.Count;

    public string PathOf(int index) => IsCurrent(index) ? CurrentPath : Rotated[index].Path;

    public bool IsCompressed(int index) => !IsCurrent(index) && Rotated[index].Compressed;

    public LogPosition PositionIn(int index, long offset, DateTimeOffset latest) =>
        new(IsCurrent(index) ? null : Rotated[index].RotatedAt, offset, NewestRotatedAt, latest);

    /// <summary>The file and offset <paramref name="position"/> names, found again after rotations since.</summary>
    public (int Index, long Offset) Resolve(LogPosition position)
    {
        if (position.RotatedAt is { } rotatedAt)
        {
            for (var i = 0; i < Rotated.Count; i++)
            {
                if (Rotated[i].RotatedAt >= rotatedAt)
                {
                    // The same file, else it is gone (retention): continue with the next one.
                    return Rotated[i].RotatedAt == rotatedAt ? (i, position.Offset) : (i, 0);
                }
            }

            return (Rotated.Count, 0);
        }

        // The current file then: the first file rotated since, or still the current one.
        for (var i = 0; i < Rotated.Count; i++)
        {
            if (position.NewestRotatedAt is not { } newest || Rotated[i].RotatedAt > newest)
            {
                return (i, position.Offset);
            }
        }

        return (Rotated.Count, position.Offset);
    }
}
