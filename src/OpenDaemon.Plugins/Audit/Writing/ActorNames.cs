using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// Turns a transport's <see cref="CallerIdentity"/> into the entry's actor, with the user name of the
/// uid from the user database (getpwuid_r, so NSS sources such as LDAP work). Names are cached; only
/// the writer's loop uses it, so no lock is needed.
/// </summary>
internal sealed class ActorNames
{
    public static readonly AuditActor Daemon = new("daemon") { Pid = Environment.ProcessId };

    private readonly Dictionary<uint, string?> _names = [];
    private readonly Func<uint, string?> _lookup;

    public ActorNames(Func<uint, string?>? lookup = null) => _lookup = lookup ?? (uid => UserDatabase.UserName((int)uid));

    public AuditActor For(CallerIdentity caller) => new(caller.Transport)
    {
        Pid = caller.Pid,
        Uid = caller.Uid,
        User = caller.Uid is { } uid ? Name(uid) : null,
        TokenId = caller.TokenId,
        Address = caller.RemoteAddress,
    };

    private string? Name(uint uid)
    {
        if (!_names.TryGetValue(uid, out var name))
        {
            name = _lookup(uid);
            _names[uid] = name;
        }

        return name;
    }
}
