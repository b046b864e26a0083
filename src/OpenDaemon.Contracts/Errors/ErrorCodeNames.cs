using System.Collections.Frozen;

namespace OpenDaemon.Contracts.Errors;

/// <summary>Converts <see cref="ErrorCode"/> to and from its wire name (<c>DAEMON_NOT_RUNNING</c>).</summary>
public static class ErrorCodeNames
{
    private static readonly FrozenDictionary<ErrorCode, string> ToName = Enum.GetValues<ErrorCode>()
        .ToFrozenDictionary(code => code, ToScreamingSnake);

    private static readonly FrozenDictionary<string, ErrorCode> FromName = ToName
        .ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>The spec's name of the code, e.g. <c>DAEMON_NOT_RUNNING</c>.</summary>
    public static string ToWireName(this ErrorCode code) => ToName.TryGetValue(code, out var name) ? name : "UNKNOWN_ERROR";

    /// <summary>Parses a wire name; unknown names become <see cref="ErrorCode.UnknownError"/>.</summary>
    public static ErrorCode Parse(string? name) =>
        name is not null && FromName.TryGetValue(name, out var code) ? code : ErrorCode.UnknownError;

    // Same rule as the [JsonStringEnumMemberName] attributes; a unit test keeps the two in step.
    private static string ToScreamingSnake(ErrorCode code)
    {
        var pascal = code.ToString();
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
