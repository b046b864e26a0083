namespace OpenDaemon.Config.Model;

/// <summary>Notification channels (spec §3.11).</summary>
public enum NotificationChannelType
{
    /// <summary>HTTP POST of a JSON body.</summary>
    Webhook,

    /// <summary>Slack incoming webhook.</summary>
    Slack,

    /// <summary>Discord webhook.</summary>
    Discord,

    /// <summary>Email over SMTP.</summary>
    Email,
}
