using System.Collections.Immutable;

namespace OpenDaemon.Plugins.ProcessManager.Rolling;

/// <summary>One od reload or od scale in progress on one or more apps (see <see cref="AppOperations"/>); dispose to end it.</summary>
internal sealed class AppOperation : IDisposable
{
    private readonly AppOperations _owner;
    private volatile ImmutableDictionary<int, string> _activities = ImmutableDictionary<int, string>.Empty;

    internal AppOperation(string verb, IReadOnlyCollection<string> apps, AppOperations owner)
    {
        Verb = verb;
        Apps = [.. apps];
        _owner = owner;
        Progress = "starting";
    }

    public string Verb { get; }

    public IReadOnlyList<string> Apps { get; }

    /// <summary>Where it is, in words ("instance 2 of 3 of api"): the answer to a second operation that is refused.</summary>
    public string Progress { get; set; }

    /// <summary>Sets what od ls shows for instance <paramref name="id"/>.</summary>
    public void Show(int id, string activity) => _activities = _activities.SetItem(id, activity);

    public string? ActivityOf(int id) => _activities.GetValueOrDefault(id);

    public void Dispose() => _owner.End(this);
}
