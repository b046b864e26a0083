namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Rotation, always at a line boundary and under the writer's lock: by size before the line that
/// would take the file past <c>maxSize</c> (a single longer line gets a file of its own), by time at
/// the first line after the <c>datePattern</c> period ended (an empty file is never rotated). The
/// file is flushed, closed, renamed to <see cref="LogFileNames.Rotated"/> and a fresh one opened; gzip
/// and retention follow in the background, one job after the other per file.
/// </summary>
internal sealed partial class LogFileWriter
{
    // After a failed rename (rotation directory missing rights, file removed) the file keeps growing
    // for a while rather than the rename being retried on every line.
    private static readonly TimeSpan RotationRetryDelay = TimeSpan.FromMinutes(1);

    private readonly BackgroundJobs _jobs;
    private readonly RotationPeriod _period;
    private DateTimeOffset _periodEnd = DateTimeOffset.MaxValue;
    private DateTimeOffset _rotationPausedUntil = DateTimeOffset.MinValue;
    private long _lastStampMilliseconds;
    private Task _maintenance = Task.CompletedTask;

    private long Size => _fileLength + _buffer.WrittenCount;

    private void AppendLines(ReadOnlySpan<byte> lines, DateTimeOffset now)
    {
        var rotation = Options.Rotation;
        if (!rotation.Enabled || now < _rotationPausedUntil)
        {
            Keep(lines, now);
            return;
        }

        if (now >= _periodEnd)
        {
            if (Size == 0 || TryRotate(now))
            {
                _periodEnd = _period.End(now, _time.LocalTimeZone);
            }
        }

        while (rotation.MaxSize is long maxSize && Size + lines.Length > maxSize)
        {
            // Keep the lines that still fit; a line larger than maxSize alone fills an empty file.
            var room = (int)Math.Clamp(maxSize - Size, 0, lines.Length);
            var cut = lines[..room].LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && Size == 0)
            {
                cut = lines.IndexOf((byte)'\n') + 1;
                cut = cut == 0 ? lines.Length : cut;
            }

            Keep(lines[..cut], now);
            lines = lines[cut..];
            if (lines.IsEmpty || !TryRotate(now))
            {
                break;
            }
        }

        Keep(lines, now);
    }

    private bool TryRotate(DateTimeOffset now)
    {
        if (!WriteBuffered())
        {
            return false; // these bytes belong to the current file; the retry comes with the next flush
        }

        _file?.Dispose();
        _file = null;
        var rotated = RotatedPath(now);
        try
        {
            LogFileModes.CreateDirectory(System.IO.Path.GetDirectoryName(rotated)!);
            File.Move(Path, rotated);
        }
        catch (Exception error) when (IsFileError(error))
        {
            LogRotationFailed(_logger, Path, rotated, error.Message);
            _rotationPausedUntil = now + RotationRetryDelay;
            TryReopen();
            return false;
        }

        TryReopen();
        _periodEnd = _period.End(now, _time.LocalTimeZone);
        var previous = _maintenance;
        var options = Options;
        _maintenance = _jobs.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            RotatedFileMaintenance.Run(Path, rotated, options, _time, _logger);
        });
        return true;
    }

    // A stamp per rotation, strictly increasing: two rotations in one millisecond must not share a name.
    private string RotatedPath(DateTimeOffset now)
    {
        var milliseconds = Math.Max(now.ToUnixTimeMilliseconds(), _lastStampMilliseconds + 1);
        while (true)
        {
            var rotated = LogFileNames.Rotated(Path, Options.Rotation.Directory, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
            if (!File.Exists(rotated) && !File.Exists(rotated + ".gz"))
            {
                _lastStampMilliseconds = milliseconds;
                return rotated;
            }

            milliseconds++;
        }
    }

    // The fresh file; when it cannot be opened the next write retries (the bytes wait, they are not dropped).
    private void TryReopen()
    {
        try
        {
            Open();
        }
        catch (Exception error) when (IsFileError(error))
        {
            _file = null;
            if (!_writeFailing)
            {
                _writeFailing = true;
                LogWriteFailed(_logger, Path, error.Message);
            }
        }
    }
}
