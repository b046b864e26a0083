using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenDaemon.Config.Loading;
using OpenDaemon.Config.Mapping;
using OpenDaemon.Config.Validation;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Config;

/// <summary>
/// Finds, reads and validates configuration files (spec §4). Every format is read into a JSON
/// tree, normalized (PM2 names, <c>--env</c>, <c>defaults</c>) and mapped by one mapper, so all
/// formats behave the same. Problems are returned, all at once, never thrown.
/// </summary>
public static class ConfigLoader
{
    /// <summary>
    /// File names tried by <see cref="Discover"/>, first match wins: spec §4.1 order
    /// (<c>opendaemon.config.ts/.js/.mjs/.cjs/.json/.yaml/.yml</c>, <c>.opendaemonrc</c>,
    /// <c>package.json</c> with an <c>"opendaemon"</c> field), then PM2's <c>ecosystem.config.*</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> DiscoveryOrder = ConfigDiscovery.Order;

    /// <summary>The first config file in <paramref name="directory"/> in <see cref="DiscoveryOrder"/>, or null.</summary>
    public static string? Discover(string directory) => ConfigDiscovery.Discover(directory);

    /// <summary>
    /// True when <paramref name="path"/> names a configuration file rather than a script, the way
    /// <c>pm2 start</c> tells them apart: <c>*.config.*</c>, <c>ecosystem*</c>, <c>.opendaemonrc*</c>,
    /// <c>package.json</c>, and any JSON or YAML file.
    /// </summary>
    public static bool LooksLikeConfigFile(string path)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return extension is ".json" or ".yaml" or ".yml"
            || Path.GetFileNameWithoutExtension(name).EndsWith(".config", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith(".opendaemonrc", StringComparison.OrdinalIgnoreCase)
            || ConfigFormats.IsEcosystem(path);
    }

    /// <summary>
    /// Loads and validates <paramref name="path"/>. Syntax and validation problems are in the
    /// result. Throws <see cref="DaemonException"/> with <see cref="ErrorCode.ConfigNotFound"/> when
    /// the file does not exist, and <see cref="ErrorCode.ConfigInvalid"/> when a JS/TS config cannot
    /// be evaluated (node missing or too old, the file throws, or it times out).
    /// </summary>
    public static async Task<ConfigLoadResult> LoadAsync(string path, ConfigLoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            throw new DaemonException(ErrorCode.ConfigNotFound, $"config file {file} not found",
                "check the path, run `od init` to create a config, or pass --config FILE");
        }

        var format = ConfigFormats.FromPath(file);
        var source = await SourceReader.ReadAsync(file, format, options, cancellationToken).ConfigureAwait(false);
        if (source.Root is null && source.Problems.Count > 0)
        {
            return new ConfigLoadResult(file, format, null, source.Problems, []);
        }

        var ecosystem = ConfigFormats.IsEcosystem(file);
        var context = new MappingContext(file, Path.GetDirectoryName(file)!, ecosystem, textLogsByDefault: ecosystem);
        var normalized = ConfigNormalizer.Normalize(source.Root, options.EnvironmentName, context, options.AppFields);
        var config = ConfigMapper.Map(ToElement(normalized), context);
        ConfigValidator.Validate(config, context);

        var problems = Locate(source, context);
        var warnings = context.Warnings.Distinct().Select(warning => Locate(source, warning)).ToArray();
        return new ConfigLoadResult(file, format, problems.Count == 0 ? config : null, problems, warnings);
    }

    /// <summary>
    /// Maps one app given as a JSON object (the way <c>od start script.js --flags</c> describes it) through the
    /// same pipeline as a file: PM2 names, <see cref="ConfigLoadOptions.AppFields"/>, defaults, units and the
    /// field support warnings. Problems and warnings name the field (<c>maxMemory</c>) and <paramref name="source"/>.
    /// </summary>
    public static ConfigLoadResult LoadApp(JsonObject app, string baseDirectory, ConfigLoadOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var context = new MappingContext(source, baseDirectory, isEcosystem: true);
        context.Alias("apps[0]", string.Empty);
        var normalized = ConfigNormalizer.Normalize(new JsonObject { ["apps"] = new JsonArray(app) }, options.EnvironmentName, context, options.AppFields);
        var config = ConfigMapper.Map(ToElement(normalized), context);
        ConfigValidator.Validate(config, context);
        ConfigProblem[] problems = [.. context.Problems.Select(problem => problem with { Path = context.ResolvePath(problem.Path) })];
        return new ConfigLoadResult(source, ConfigFormat.Json, problems.Length == 0 ? config : null, problems, [.. context.Warnings.Distinct()]);
    }

    /// <summary>True when <paramref name="key"/> is a field of an app: ours, or PM2's (for <see cref="ConfigLoadOptions.AppFields"/>).</summary>
    public static bool IsAppField(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Pm2.Pm2Fields.Renames.ContainsKey(key) || Pm2.Pm2Fields.Unsupported.ContainsKey(key) || Pm2.Pm2Fields.Reshaped.Contains(key)
            || FieldSupport.Fields.ContainsKey("apps[]." + key);
    }

    /// <summary>Loads with <see cref="ConfigLoadOptions.Default"/>.</summary>
    public static Task<ConfigLoadResult> LoadAsync(string path, CancellationToken cancellationToken) =>
        LoadAsync(path, ConfigLoadOptions.Default, cancellationToken);

    // Paths back to what the user wrote, then line/column from the nearest located ancestor.
    // Defaults merged into several apps report the same problem once.
    private static List<ConfigProblem> Locate(SourceDocument source, MappingContext context)
    {
        var located = new List<ConfigProblem>();
        var seen = new HashSet<(string, string)>();
        foreach (var problem in source.Problems.Concat(context.Problems))
        {
            var path = context.ResolvePath(problem.Path);
            if (!seen.Add((path, problem.Message)))
            {
                continue;
            }

            var position = problem.Line is null ? Find(source.Positions, path) : null;
            located.Add(problem with
            {
                Path = path,
                Line = problem.Line ?? position?.Line,
                Column = problem.Column ?? position?.Column,
            });
        }

        return located;
    }

    // Warning paths are already what the user wrote (MappingContext.Warn resolves them).
    private static ConfigWarning Locate(SourceDocument source, ConfigWarning warning)
    {
        var position = warning.Line is null && warning.Path.Length > 0 ? Find(source.Positions, warning.Path) : null;
        return position is { } at ? warning with { Line = at.Line, Column = at.Column } : warning;
    }

    private static SourcePosition? Find(IReadOnlyDictionary<string, SourcePosition> positions, string path)
    {
        while (path.Length > 0)
        {
            if (positions.TryGetValue(path, out var position))
            {
                return position;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut > 0 ? path[..cut] : string.Empty;
        }

        return null;
    }

    private static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
