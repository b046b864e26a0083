namespace OpenDaemon.Cli.Commands.Import;

/// <summary>What <see cref="Pm2DumpImport.Convert"/> made of a PM2 dump.</summary>
/// <param name="Config">The od configuration, JSON, ready to write or start.</param>
/// <param name="Apps">The app names, in the dump's order.</param>
/// <param name="NotMapped">PM2 settings od has no equivalent for, as "app: key = value".</param>
/// <param name="Notes">What changed on the way (logs moved, stopped apps started).</param>
internal sealed record Pm2ImportResult(string Config, IReadOnlyList<string> Apps, IReadOnlyList<string> NotMapped, IReadOnlyList<string> Notes);
