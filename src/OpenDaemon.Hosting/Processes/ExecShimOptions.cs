using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenDaemon.Hosting.Processes;

/// <summary>The parsed arguments of `od __exec-shim`; see <see cref="ExecShim"/>.</summary>
internal sealed record ExecShimOptions(int? Nice, string? GroupsOf, int? GroupId, int? UserId, int? Umask, string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The cgroup to move into before anything else (--cgroup); null: stay.</summary>
    public string? CgroupPath { get; init; }

    /// <summary>Environment variables set to the shim's own pid, which the app keeps (--pid-env, e.g. LISTEN_PID).</summary>
    public IReadOnlyList<string> PidVariables { get; init; } = [];

    public static bool TryParse(string[] args, [NotNullWhen(true)] out ExecShimOptions? options, [NotNullWhen(false)] out string? problem)
    {
        options = null;
        int? nice = null, gid = null, uid = null, umask = null;
        string? groupsOf = null, cgroup = null;
        List<string> pidVariables = [];
        int i = 0;
        for (; i < args.Length && args[i] != "--"; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"{args[i]} needs a value";
                return false;
            }

            string value = args[i + 1];
            bool ok = args[i] switch
            {
                "--nice" => TryInt(value, NumberStyles.AllowLeadingSign, out nice),
                "--gid" => TryInt(value, NumberStyles.None, out gid),
                "--uid" => TryInt(value, NumberStyles.None, out uid),
                "--umask" => TryOctal(value, out umask),
                "--groups-of" => (groupsOf = value).Length > 0,
                "--cgroup" => (cgroup = value).StartsWith('/'),
                "--pid-env" => IsVariableName(value) && Add(pidVariables, value),
                _ => false,
            };
            if (!ok)
            {
                problem = $"invalid option {args[i]} {value}";
                return false;
            }
        }

        if (i + 1 >= args.Length)
        {
            problem = "missing '-- FILE [ARG...]'";
            return false;
        }

        options = new ExecShimOptions(nice, groupsOf, gid, uid, umask, args[i + 1], args[(i + 2)..]) { CgroupPath = cgroup, PidVariables = pidVariables };
        problem = null;
        return true;
    }

    private static bool IsVariableName(string name) => name.Length > 0 && !name.Contains('=', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal);

    private static bool Add(List<string> list, string value)
    {
        list.Add(value);
        return true;
    }

    private static bool TryInt(string text, NumberStyles styles, out int? value)
    {
        bool ok = int.TryParse(text, styles, CultureInfo.InvariantCulture, out int parsed);
        value = ok ? parsed : null;
        return ok;
    }

    private static bool TryOctal(string text, out int? value)
    {
        value = null;
        if (text.Length is 0 or > 4 || text.Any(c => c is < '0' or > '7'))
        {
            return false;
        }

        value = Convert.ToInt32(text, 8);
        return true;
    }
}
