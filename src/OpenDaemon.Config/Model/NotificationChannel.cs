namespace OpenDaemon.Config.Model;

/// <summary>One place notifications go.</summary>
public sealed record NotificationChannel
{
    /// <summary>The channel kind.</summary>
    public NotificationChannelType Type { get; init; }

    /// <summary>webhook/slack/discord: the URL.</summary>
    public string? Url { get; init; }

    /// <summary>email: the server.</summary>
    public SmtpConfig? Smtp { get; init; }

    /// <summary>email: recipients.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Event names sent to this channel (e.g. <c>process:crash</c>, <c>*</c>); default all.</summary>
    public IReadOnlyList<string> Events { get; init; } = ["*"];
}
