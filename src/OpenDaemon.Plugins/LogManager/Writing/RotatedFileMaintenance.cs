using System.IO.Compression;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// What follows a rotation, in the background: gzip the rotated file (to <c>.gz.tmp</c>, renamed to
/// <c>.gz</c> when complete, so a reader never sees half an archive), then retention over every
/// rotated file of the log: keep the newest <c>maxFiles</c>, drop those older than <c>maxAge</c>,
/// and drop the oldest until the current file and the rotated ones fit in the history budget.
/// </summary>
internal static partial class RotatedFileMaintenance
{
    public static void Run(string currentPath, string rotatedPath, LogFileOptions options, TimeProvider time, ILogger logger)
    {
        try
        {
            if (options.Rotation.Compress)
            {
                Compress(rotatedPath, logger);
            }

            ApplyRetention(currentPath, options, time.GetUtcNow(), logger);
        }
        catch (Exception error)
        {
            // A background job has no caller to throw to; the next rotation tries again.
            LogMaintenanceFailed(logger, error, currentPath);
        }
    }

    public static void Compress(string rotatedPath, ILogger logger)
    {
        var compressed = rotatedPath + ".gz";
        var temporary = compressed + ".tmp";
        try
        {
            using (var input = new FileStream(rotatedPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan))
            using (var output = new FileStream(temporary, LogFileModes.NewPrivateFile(64 * 1024)))
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            {
                input.CopyTo(gzip);
            }

            File.Move(temporary, compressed, overwrite: true);
            File.Delete(rotatedPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The plain rotated file stays; readers handle both.
            TryDelete(temporary, logger);
            LogCompressFailed(logger, rotatedPath, error.Message);
        }
    }

    public static void ApplyRetention(string currentPath, LogFileOptions options, DateTimeOffset now, ILogger logger)
    {
        var rotation = options.Rotation;
        var rotated = LogFileNames.FindRotated(currentPath, rotation.Directory); // oldest first
        var beyondCount = rotated.Count - Math.Max(0, rotation.MaxFiles);
        var kept = new List<(RotatedLogFile File, long Size)>();
        for (var i = 0; i < rotated.Count; i++)
        {
            var file = rotated[i];
            if (i < beyondCount || (rotation.MaxAge is { } maxAge && file.RotatedAt < now - maxAge))
            {
                Delete(file, logger);
            }
            else
            {
                kept.Add((file, SizeOf(file.Path)));
            }
        }

        var total = SizeOf(currentPath) + kept.Sum(file => file.Size);
        for (var i = 0; i < kept.Count && total > options.HistoryBytes; i++)
        {
            Delete(kept[i].File, logger);
            total -= kept[i].Size;
        }
    }

    private static void Delete(RotatedLogFile file, ILogger logger)
    {
        TryDelete(file.Path, logger);
        if (!file.Compressed)
        {
            TryDelete(file.Path + ".gz", logger); // left behind by a gzip interrupted at its last step
        }
    }

    private static void TryDelete(string path, ILogger logger)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(logger, path, error.Message);
        }
    }

    private static long SizeOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
