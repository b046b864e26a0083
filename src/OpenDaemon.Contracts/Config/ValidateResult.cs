namespace OpenDaemon.Contracts.Config;

/// <summary>
/// <c>od validate</c>'s answer (and its <c>--json</c> shape), produced by <c>od-daemon validate</c>,
/// which links the configuration system so that <c>od</c> does not have to.
/// </summary>
/// <param name="Valid">True when the file has no problem (warnings allowed).</param>
/// <param name="File">The file that was read.</param>
/// <param name="Format">Its format (Yaml, Json, JavaScript, ...).</param>
/// <param name="Apps">The names of the apps it defines.</param>
/// <param name="Problems">Every problem, "file:line:column path: message".</param>
/// <param name="Warnings">Every warning, "file:line path: message".</param>
/// <param name="PluginSettings">The plugin sections it configures.</param>
public sealed record ValidateResult(
    bool Valid,
    string File,
    string Format,
    IReadOnlyList<string> Apps,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> PluginSettings);
