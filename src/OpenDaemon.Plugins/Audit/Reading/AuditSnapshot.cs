using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Audit.Reading;

/// <summary>
/// The audit files as they were at one moment, oldest first, each opened with the length it had: a
/// rotation or a prune after that moment renames or deletes names, not what these handles read, and
/// lines appended after it are not read.
/// </summary>
internal sealed class AuditSnapshot : IDisposable
{
    private AuditSnapshot(IReadOnlyList<AuditSnapshotFile> files, bool pruned, string? lastHash)
    {
        Files = files;
        StartsAfterPrune = pruned;
        LastHash = lastHash;
    }

    public IReadOnlyList<AuditSnapshotFile> Files { get; }

    /// <summary>True when the oldest file left is not the first ever written (rotation's <c>keep</c> removed older ones).</summary>
    public bool StartsAfterPrune { get; }

    /// <summary>
    /// The hash of the last line the writer wrote, when taken by the running writer: lets verify detect an
    /// edit of the newest line or lines deleted at the end, which no later line links to. Null offline.
    /// </summary>
    public string? LastHash { get; }

    public static AuditSnapshot Open(string directory, string? lastHash = null)
    {
        var rotated = AuditFiles.Rotated(directory);
        List<AuditSnapshotFile> files = [];
        try
        {
            foreach (var path in AuditFiles.Ordered(directory))
            {
                try
                {
                    var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                    files.Add(new AuditSnapshotFile(path, stream, stream.Length));
                }
                catch (FileNotFoundException)
                {
                    // Deleted by hand between listing and opening: the chain check reports the gap.
                }
            }
        }
        catch
        {
            files.ForEach(file => file.Stream.Dispose());
            throw;
        }

        return new AuditSnapshot(files, rotated.Count > 0 && rotated[0].Number > 1, lastHash);
    }

    public void Dispose()
    {
        foreach (var file in Files)
        {
            file.Stream.Dispose();
        }
    }
}

/// <summary>One file of a <see cref="AuditSnapshot"/>: read up to <paramref name="Length"/> only.</summary>
internal sealed record AuditSnapshotFile(string Path, FileStream Stream, long Length);
