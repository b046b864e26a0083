using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Startup;

/// <summary>Fills <see cref="StartupSettings"/> from the options and this shell, as PM2's startup does.</summary>
internal static class StartupEnvironment
{
    public static StartupSettings Settings(string platform, string? user, string? home, string? serviceName)
    {
        var name = user ?? System.Environment.UserName;
        var directory = home is not null ? Path.GetFullPath(home) : HomeOf(name);
        var odPath = OdPath();
        var odHome = System.Environment.GetEnvironmentVariable("OD_HOME") is { Length: > 0 } set && user is null
            ? Path.GetFullPath(set)
            : Path.Combine(directory, ".opendaemon");
        return new StartupSettings(name, directory, odHome, odPath, SearchPath(odPath), serviceName ?? InitScripts.DefaultServiceName(platform, name));
    }

    // The `od` front door beside this od-cli, which users run and units should name; od-cli itself without one.
    private static string OdPath()
    {
        var self = System.Environment.ProcessPath ?? throw new DaemonException(ErrorCode.UnknownError, "cannot tell where the od executable is", "run od by its full path");
        var front = Path.Combine(Path.GetDirectoryName(self)!, "od");
        return File.Exists(front) ? front : self;
    }

    // The caller's PATH (where node, python3 and the apps' tools are), plus od's own directory.
    private static string SearchPath(string odPath)
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } current ? current : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        var odDirectory = Path.GetDirectoryName(odPath)!;
        return path.Split(':').Contains(odDirectory, StringComparer.Ordinal) ? path : $"{path}:{odDirectory}";
    }

    /// <summary>The home directory of <paramref name="user"/> from /etc/passwd; this user's own when it is you.</summary>
    internal static string HomeOf(string user)
    {
        if (user == System.Environment.UserName && System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile) is { Length: > 0 } mine)
        {
            return mine;
        }

        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 6 && fields[0] == user)
                {
                    return fields[5];
                }
            }
        }
        catch (IOException)
        {
            // No passwd file to read (a container image without one): fall through.
        }

        throw new DaemonException(ErrorCode.InvalidParams, $"user '{user}' has no entry in /etc/passwd", $"check the name, or give the home directory: --hp /home/{user}");
    }
}
