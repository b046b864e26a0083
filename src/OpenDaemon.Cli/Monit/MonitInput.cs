using OpenDaemon.Cli.Monit.Input;

namespace OpenDaemon.Cli.Monit;

/// <summary>What the session's loop consumes: keys, model changes from the daemon's streams, and timing.</summary>
internal abstract record MonitInput
{
    /// <summary>A key or mouse event.</summary>
    public sealed record KeyPressed(TerminalKey Key) : MonitInput;

    /// <summary>A change computed from something the daemon sent (applied on the loop, in order).</summary>
    public sealed record Changed(Func<MonitModel, MonitModel> Update) : MonitInput;

    /// <summary>The 1 s tick (uptimes advance) or a resize: redraw.</summary>
    public sealed record Tick : MonitInput;

    /// <summary>A new connection to the daemon is ready: fetch the selection's details and follow logs again.</summary>
    public sealed record Connected : MonitInput;

    /// <summary>Fresh figures or states arrived: fetch the selection's details (health, last check) again.</summary>
    public sealed record DetailDue : MonitInput;

    /// <summary>q, Ctrl-C, SIGTERM, SIGHUP or the end of input.</summary>
    public sealed record Quit : MonitInput;
}
