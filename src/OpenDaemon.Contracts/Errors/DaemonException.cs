namespace OpenDaemon.Contracts.Errors;

/// <summary>
/// An expected failure that reaches a user: a code, one plain sentence, and where one exists the
/// fix. Never carries secrets; the CLI prints it as one line without a stack trace.
/// </summary>
public sealed class DaemonException : Exception
{
    /// <summary>Creates a failure with a code, a message and an optional hint.</summary>
    public DaemonException(ErrorCode code, string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Hint = hint;
    }

    /// <summary>What kind of failure this is.</summary>
    public ErrorCode Code { get; }

    /// <summary>What the user can do about it, or null.</summary>
    public string? Hint { get; }

    /// <summary>The wire/body form of this failure.</summary>
    public ErrorInfo ToErrorInfo() => new(Code, Message, Hint);
}
