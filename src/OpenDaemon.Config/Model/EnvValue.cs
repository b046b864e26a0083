namespace OpenDaemon.Config.Model;

/// <summary>
/// One environment variable's value: a literal, or a reference to a stored secret
/// (<c>{ "secret": "db-url" }</c>, spec §3.7) that the secret manager resolves at start.
/// </summary>
public sealed record EnvValue
{
    /// <summary>The literal value, or null when this is a secret reference.</summary>
    public string? Value { get; init; }

    /// <summary>The secret's name, or null when this is a literal.</summary>
    public string? SecretName { get; init; }

    /// <summary>True when the value comes from the secret store.</summary>
    public bool IsSecret => SecretName is not null;

    /// <summary>A literal value.</summary>
    public static EnvValue Literal(string value) => new() { Value = value };

    /// <summary>A reference to the secret <paramref name="name"/>.</summary>
    public static EnvValue Secret(string name) => new() { SecretName = name };

    /// <summary>Never prints a secret's value (it has none here anyway): literal or <c>{secret:name}</c>.</summary>
    public override string ToString() => SecretName is null ? Value ?? string.Empty : $"{{secret:{SecretName}}}";
}
