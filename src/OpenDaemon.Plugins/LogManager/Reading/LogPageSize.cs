namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>How much one page of <c>log.search</c> holds at most: whichever limit is reached first.</summary>
/// <param name="Entries">Entries per page.</param>
/// <param name="MessageBytes">Total message length per page (at least one entry is always returned), so a
/// page of long lines stays well below the 10 MB frame limit.</param>
internal sealed record LogPageSize(int Entries, int MessageBytes)
{
    public static LogPageSize Default { get; } = new(10_000, 2 * 1024 * 1024);
}
