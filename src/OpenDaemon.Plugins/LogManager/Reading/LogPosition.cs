namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// Where reading one <see cref="LogSource"/> continues: a line start in one of its files. Files are named
/// by what survives rotation and compression: a rotated file by its rotation time, the current file as
/// "current" plus the newest rotation known then, so that a current file rotated since (renamed, maybe
/// gzipped) is found again as the first rotated file newer than that.
/// </summary>
/// <param name="RotatedAt">The rotated file's rotation time; null for the current file.</param>
/// <param name="Offset">A line start in the file's uncompressed bytes.</param>
/// <param name="NewestRotatedAt">For the current file: the newest rotated file's time then (null: none).</param>
/// <param name="Latest">The latest timestamp read from the source so far: the merge key of entries without one.</param>
/// <param name="Done">Nothing more is wanted from this source (it passed the query's <c>until</c>).</param>
internal sealed record LogPosition(DateTimeOffset? RotatedAt, long Offset, DateTimeOffset? NewestRotatedAt, DateTimeOffset Latest, bool Done = false)
{
    /// <summary>A source with nothing more wanted.</summary>
    public static LogPosition Finished { get; } = new(null, 0, null, DateTimeOffset.MinValue, Done: true);
}
