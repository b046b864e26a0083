namespace OpenDaemon.Config.Model;

/// <summary>SMTP server for email notifications.</summary>
public sealed record SmtpConfig
{
    /// <summary>Server host.</summary>
    public required string Host { get; init; }

    /// <summary>Server port; default 587.</summary>
    public int Port { get; init; } = 587;

    /// <summary>Use implicit TLS (port 465) rather than STARTTLS.</summary>
    public bool Secure { get; init; }

    /// <summary>Login user, or null.</summary>
    public string? User { get; init; }

    /// <summary>Login password: a literal or <c>{ "secret": "name" }</c>, or null.</summary>
    public EnvValue? Password { get; init; }

    /// <summary>Sender address.</summary>
    public string? From { get; init; }
}
