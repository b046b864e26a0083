using System.Text;

namespace OpenDaemon.Contracts;

/// <summary>How configuration values are spelled for people: enum values in kebab-case (<c>on-failure</c>).</summary>
public static class ConfigNames
{
    /// <summary>The config spelling of an enum value (<c>RestartPolicy.OnFailure</c> → <c>on-failure</c>).</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Kebab(value.ToString());

    /// <summary><c>OnFailure</c> → <c>on-failure</c>.</summary>
    public static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
