using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Config.Loading;

/// <summary>
/// Evaluates a .js/.mjs/.cjs/.ts config with the installed node and returns its JSON. Node is a
/// separate process under a timeout, so a config that hangs or throws cannot take the daemon
/// with it. .ts needs node ≥ 22.6 (type stripping); the version is checked first so the error
/// says so instead of showing node's syntax error. What node prints is bounded too: past
/// <see cref="ConfigLoadOptions.NodeMaxStdoutBytes"/> of JSON or <see cref="ConfigLoadOptions.NodeMaxStderrBytes"/>
/// of stderr it is killed and the load fails, and only the last 1 MB of stderr is kept for the message.
/// </summary>
internal static partial class NodeConfigEvaluator
{
    private const string ErrorMarker = "\0OD_ERROR\0";
    private const long StderrKeptBytes = 1024 * 1024;
    private static readonly Version TypeStrippingSince = new(22, 6);
    private static readonly Version TypeStrippingDefaultSince = new(23, 6);
    private static readonly ConcurrentDictionary<string, Version> Versions = new(StringComparer.Ordinal);

    public static async Task<string> EvaluateAsync(string file, ConfigFormat format, ConfigLoadOptions options, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        var version = await GetVersionAsync(options, name, cancellationToken).ConfigureAwait(false);
        var arguments = new List<string>();
        if (format == ConfigFormat.TypeScript)
        {
            if (version < TypeStrippingSince)
            {
                throw new DaemonException(
                    ErrorCode.ConfigInvalid,
                    $"{name} is TypeScript, which needs Node.js ≥ 22.6 to load (type stripping); the installed node is v{version}",
                    "upgrade Node.js, or rename the file to opendaemon.config.mjs (or .js) and remove the type annotations");
            }

            if (version < TypeStrippingDefaultSince)
            {
                arguments.Add("--experimental-strip-types");
            }

            arguments.Add("--no-warnings");
        }

        arguments.AddRange(["--input-type=module", "-e", NodeEvaluatorScript.Source, "--", file, options.EnvironmentName ?? string.Empty]);
        var result = await RunAsync(options, arguments, Path.GetDirectoryName(file)!, name, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new DaemonException(ErrorCode.ConfigInvalid, $"{name} failed to evaluate: {Summarize(result.Stderr, file)}",
                "fix the error in the config file; run it with `node " + name + "` to see the full stack");
        }

        return result.Stdout;
    }

    private static async Task<Version> GetVersionAsync(ConfigLoadOptions options, string name, CancellationToken cancellationToken)
    {
        if (Versions.TryGetValue(options.NodeExecutable, out var cached))
        {
            return cached;
        }

        var result = await RunAsync(options, ["--version"], Environment.CurrentDirectory, name, cancellationToken).ConfigureAwait(false);
        var text = result.Stdout.Trim().TrimStart('v');
        var version = Version.TryParse(text, out var parsed) ? parsed : new Version(0, 0);
        return Versions.GetOrAdd(options.NodeExecutable, version);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        ConfigLoadOptions options, IReadOnlyList<string> arguments, string workingDirectory, string name, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(options.NodeExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DaemonException(
                ErrorCode.ConfigInvalid,
                $"Node.js is needed to load {name}, but '{options.NodeExecutable}' could not be started ({ex.Message})",
                "install Node.js (≥ 22.6 for .ts configs), or write the config as opendaemon.config.json or opendaemon.config.yaml",
                ex);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.NodeTimeout);
        // A pipe past its limit kills node: both pipes then reach their end, and the reads below complete.
        var stdoutCapture = new BoundedCapture(options.NodeMaxStdoutBytes, options.NodeMaxStdoutBytes, () => Kill(process));
        var stderrCapture = new BoundedCapture(Math.Min(StderrKeptBytes, options.NodeMaxStderrBytes), options.NodeMaxStderrBytes, () => Kill(process));
        var stdout = stdoutCapture.ReadAsync(process.StandardOutput.BaseStream, timeout.Token);
        var stderr = stderrCapture.ReadAsync(process.StandardError.BaseStream, timeout.Token);
        try
        {
            var (stdoutText, stderrText) = (await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            ThrowIfExceeded(stdoutCapture, stderrCapture, name);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return (process.ExitCode, stdoutText, stderrText);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new DaemonException(
                ErrorCode.ConfigInvalid,
                $"node did not finish evaluating {name} within {options.NodeTimeout.TotalSeconds:0.#} s",
                "a config file must not wait for anything at import: look for unresolved promises, timers or servers");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    private static void ThrowIfExceeded(BoundedCapture stdout, BoundedCapture stderr, string name)
    {
        var (stream, capture) = stdout.Exceeded ? ("stdout", stdout) : stderr.Exceeded ? ("stderr", stderr) : (null, null);
        if (capture is not null)
        {
            throw new DaemonException(
                ErrorCode.ConfigInvalid,
                $"{name} printed more than {capture.Limit / (1024 * 1024)} MB on {stream} while being evaluated; node was stopped",
                stream == "stdout"
                    ? "a config file must not write to stdout (console.log): the daemon reads its JSON there"
                    : "remove the logging from the config file, or run it with `node " + name + "` to see what it prints");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    // Node's stack: "Error: boom\n    at file:///.../opendaemon.config.js:3:9\n ..."; a syntax
    // error starts with "/path/opendaemon.config.cjs:1", the source line and a caret instead.
    // Keep the error line and the first location inside the config file; drop node's frames.
    private static string Summarize(string stderr, string file)
    {
        var marker = stderr.IndexOf(ErrorMarker, StringComparison.Ordinal);
        var text = marker >= 0 ? stderr[(marker + ErrorMarker.Length)..] : stderr;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return "node exited with an error and printed nothing";
        }

        var message = lines.FirstOrDefault(l => ErrorLine().IsMatch(l)) ?? lines[0];
        var location = lines.FirstOrDefault(l => l != message && l.Contains(Path.GetFileName(file), StringComparison.Ordinal));
        location = location?.StartsWith("at ", StringComparison.Ordinal) == true ? location : location is null ? null : "at " + location;
        return location is null ? message : $"{message} ({location})";
    }

    [GeneratedRegex(@"^[A-Za-z]*(Error|Exception)\b")]
    private static partial Regex ErrorLine();
}
