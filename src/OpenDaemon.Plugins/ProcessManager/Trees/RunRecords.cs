using System.Globalization;
using System.Text.Json;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// The directory of <see cref="RunRecord"/> files (<c>$OD_HOME/state/running/&lt;id&gt;-&lt;instance&gt;.json</c>),
/// written on each spawn and deleted when the run has ended.
/// </summary>
/// <remarks>
/// One file per instance, not one file for all: a spawn rewrites a few hundred bytes however many apps
/// run. Each write is a temp file created exclusively (O_CREAT|O_EXCL, so never through a symlink), mode
/// 0600, renamed over the record (rename replaces a symlink instead of following it). There is no fsync,
/// unlike <c>AtomicFile</c>: the record guards against the daemon process dying, which cannot lose a
/// completed write, while a power loss that could lose it also ends every app it describes. Symlinks
/// are refused when reading. Thread-safe: instances write only their own file.
/// </remarks>
internal sealed class RunRecords(string directory)
{
    public string Directory { get; } = directory;

    public void Write(RunRecord record)
    {
        EnsureDirectory();
        string path = PathOf(record.Id, record.Instance);
        string temp = Path.Join(Directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, record, RunRecordJsonContext.Default.RunRecord);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public void Delete(int id, int instance) => TryDelete(PathOf(id, instance));

    /// <summary>Every readable record, with the paths of the files it came from; unreadable files are deleted and reported.</summary>
    public IReadOnlyList<(string Path, RunRecord? Record)> ReadAll()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var records = new List<(string, RunRecord?)>();
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if (file.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                TryDelete(file.FullName); // a write cut short by the crash
                continue;
            }

            records.Add((file.FullName, Read(file)));
        }

        return records;
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A record that outlives its run only costs the next daemon a look at a dead pid.
        }
    }

    private static RunRecord? Read(FileInfo file)
    {
        if (file.LinkTarget is not null || file.Length > 64 * 1024)
        {
            return null; // not something this daemon wrote
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(file.FullName), RunRecordJsonContext.Default.RunRecord);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private void EnsureDirectory()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string PathOf(int id, int instance) =>
        Path.Join(Directory, string.Create(CultureInfo.InvariantCulture, $"{id}-{instance}.json"));
}
