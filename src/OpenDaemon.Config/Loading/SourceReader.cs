using System.Text.Json.Nodes;

namespace OpenDaemon.Config.Loading;

/// <summary>Reads a config file of any format into a <see cref="SourceDocument"/>.</summary>
internal static class SourceReader
{
    public static async Task<SourceDocument> ReadAsync(string file, ConfigFormat format, ConfigLoadOptions options, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ConfigFormat.Yaml:
                return YamlSourceReader.Read(file, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            case ConfigFormat.TypeScript or ConfigFormat.JavaScript:
                var json = await NodeConfigEvaluator.EvaluateAsync(file, format, options, cancellationToken).ConfigureAwait(false);
                // Positions in node's output mean nothing to the user; report paths only.
                return JsonSourceReader.Read(file, json) with { Positions = SourceDocument.NoPositions };
            case ConfigFormat.PackageJson:
                return PackageSection(file, JsonSourceReader.Read(file, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
            default:
                return JsonSourceReader.Read(file, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        }
    }

    private static SourceDocument PackageSection(string file, SourceDocument package)
    {
        if (package.Root is null)
        {
            return package;
        }

        if (package.Root is not JsonObject root || !root.TryGetPropertyValue("opendaemon", out var section))
        {
            return new SourceDocument(null, package.Positions, [new ConfigProblem(file, "opendaemon", "package.json has no \"opendaemon\" field", Expected: "an \"opendaemon\" object with 'apps'")]);
        }

        root.Remove("opendaemon");
        const string Prefix = "opendaemon";
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (var (path, position) in package.Positions)
        {
            if (path.StartsWith(Prefix + ".", StringComparison.Ordinal))
            {
                positions[path[(Prefix.Length + 1)..]] = position;
            }
            else if (path == Prefix)
            {
                positions[string.Empty] = position;
            }
        }

        var problems = package.Problems.Select(p => p.Path.StartsWith(Prefix + ".", StringComparison.Ordinal) ? p with { Path = p.Path[(Prefix.Length + 1)..] } : p).ToArray();
        return new SourceDocument(section, positions, problems);
    }
}
