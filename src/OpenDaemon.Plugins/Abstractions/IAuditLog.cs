namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// The audit log (spec §3.13), published by the <c>audit-logger</c> plugin for what the plugin cannot
/// see by itself: the HTTP API's authentication successes and failures (<c>auth.success</c>,
/// <c>auth.failure</c>), and later secret access (key names only). RPC calls, lifecycle events and
/// config reloads are recorded by the plugin itself.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Queues one entry; returns at once and never throws. It is written in the background; when the
    /// queue is full the entry is counted and an "N audit entries dropped" entry is written instead.
    /// </summary>
    void Record(AuditRecord record);
}
