namespace OpenDaemon.Api.WebSockets.Logs;

/// <summary>One <c>log:</c> topic of one client: what it follows and the queue its lines go to.</summary>
internal sealed class LogSubscription(string topic, LogSelection selection, OutgoingQueue queue)
{
    /// <summary>The topic that names every app's lines by their app: <c>log:&lt;app&gt;</c>.</summary>
    public const string EveryApp = "log:*";

    public string Topic => topic;

    public LogSelection Selection => selection;

    public OutgoingQueue Queue => queue;

    /// <summary>The event of <paramref name="run"/>'s lines for this client: <c>log:&lt;app&gt;</c> under <c>log:*</c>, else the topic.</summary>
    public string EventFor(LogRun run) => topic == EveryApp ? run.Topic : topic;
}
