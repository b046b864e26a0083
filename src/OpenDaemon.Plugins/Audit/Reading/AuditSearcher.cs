using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Audit;

namespace OpenDaemon.Plugins.Audit.Reading;

/// <summary>
/// <c>audit.search</c>: reads the files oldest first (skipping files last written before <c>since</c>)
/// and keeps the newest <c>limit</c> matches. Lines that are not entries (a tampered line) are skipped
/// here; <c>audit.verify</c> is what reports them.
/// </summary>
internal static class AuditSearcher
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 100_000;

    public static AuditSearchResult Search(AuditSnapshot snapshot, AuditEntryFilter filter, int limit)
    {
        var newest = new Queue<AuditEntry>();
        var truncated = false;
        foreach (var file in snapshot.Files)
        {
            if (filter.Since is { } since && File.GetLastWriteTimeUtc(file.Path) < since.UtcDateTime && file != snapshot.Files[^1])
            {
                continue;
            }

            AuditLineReader.Read(file.Stream, file.Length, (line, terminated) =>
            {
                if (terminated && Parse(line.Span) is { } entry && filter.Matches(entry))
                {
                    newest.Enqueue(entry);
                    if (newest.Count > limit)
                    {
                        newest.Dequeue();
                        truncated = true;
                    }
                }

                return true;
            });
        }

        return new AuditSearchResult([.. newest], truncated);
    }

    private static AuditEntry? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, ContractsJsonContext.Default.AuditEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
