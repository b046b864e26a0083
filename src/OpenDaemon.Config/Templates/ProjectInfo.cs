using System.Text.Json;

namespace OpenDaemon.Config.Templates;

/// <summary>
/// What <c>od init</c> can guess about the project in a directory: an app name and the script to
/// run, from package.json's <c>name</c>, <c>main</c> or <c>scripts.start</c> ("node dist/server.js"),
/// else a common entry file, else <c>./index.js</c>.
/// </summary>
internal sealed record ProjectInfo(string Name, string Script)
{
    private static readonly string[] CommonEntries = ["index.js", "server.js", "app.js", "main.js", "index.mjs", "main.py", "app.py"];
    private static readonly string[] ScriptExtensions = [".js", ".mjs", ".cjs", ".ts", ".py"];

    public static ProjectInfo Detect(string directory)
    {
        var name = Sanitize(Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)));
        string? script = null;
        var package = Path.Combine(directory, "package.json");
        if (File.Exists(package))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(package), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var root = document.RootElement;
                if (root.TryGetProperty("name", out var packageName) && packageName.ValueKind == JsonValueKind.String)
                {
                    name = Sanitize(packageName.GetString()!);
                }

                if (root.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String)
                {
                    script = main.GetString();
                }
                else if (root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
                    && scripts.TryGetProperty("start", out var start) && start.ValueKind == JsonValueKind.String)
                {
                    script = start.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .FirstOrDefault(word => ScriptExtensions.Contains(Path.GetExtension(word), StringComparer.OrdinalIgnoreCase));
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                // A broken package.json only means we guess less.
            }
        }

        script ??= CommonEntries.FirstOrDefault(entry => File.Exists(Path.Combine(directory, entry))) ?? "index.js";
        if (!script.StartsWith('.') && !script.StartsWith('/'))
        {
            script = "./" + script;
        }

        return new ProjectInfo(name, script);
    }

    // "@shop/api" → "api": app names cannot contain '/'.
    private static string Sanitize(string name)
    {
        var last = name.Split('/').Last();
        var cleaned = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('-');
        return cleaned.Length == 0 || cleaned.All(char.IsAsciiDigit) || cleaned == "all" ? "app" : cleaned;
    }
}
