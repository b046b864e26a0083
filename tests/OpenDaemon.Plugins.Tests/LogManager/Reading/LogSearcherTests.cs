using OpenDaemon.Plugins.LogManager.Reading;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.LogManager.Reading;

/// <summary>The read path over real files in a temp directory; split by concern into partial files.</summary>
public sealed partial class LogSearcherTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static LogSearchResult Search(LogSource source, LogQuery query) => Search([source], query);

    private static LogSearchResult Search(IReadOnlyList<LogSource> sources, LogQuery query) =>
        LogSearcher.Search(sources, query, CancellationToken.None);
}
