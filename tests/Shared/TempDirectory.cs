namespace OpenDaemon.Testing;

/// <summary>A fresh directory under the system temp dir, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        // Short names: Unix socket paths are limited to ~100 bytes.
        FullPath = Path.Join(Path.GetTempPath(), $"odt-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string File(string name) => Path.Join(FullPath, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless; never fail a test on cleanup.
        }
    }
}
