using Microsoft.Win32.SafeHandles;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Apps' logs can hold anything the apps print (tokens, customer data): like everything under
/// OD_HOME, directories are created 0700 and new files made 0600, whatever the daemon's umask. A
/// mode the user set later on an existing file is left alone.
/// </summary>
internal static class LogFileModes
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="directory"/> (and missing parents) mode 0700; an existing one is left as it is.</summary>
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, PrivateDirectory);
        }
    }

    /// <summary>Options that create (or replace) a file for writing, 0600 when it is new.</summary>
    public static FileStreamOptions NewPrivateFile(int bufferSize)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        return options;
    }

    /// <summary>Sets a file this writer just created to 0600.</summary>
    public static void MakePrivate(SafeFileHandle file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, PrivateFile);
        }
    }
}
