using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// The <c>pm2 start</c> options that set a configuration field, each sent as the ecosystem key it stands
/// for (<c>--max-memory-restart 200M</c> → <c>max_memory_restart: "200M"</c>). The daemon maps them with
/// the config mapper, so a flag means exactly what its field means — and a field nothing acts on yet
/// (watch, cron) prints the same warning as in a file.
/// </summary>
internal sealed class StartFlags
{
    private readonly Option<string[]> _watch = new("--watch") { Description = "Restart on file changes (optionally: the paths to watch; put it after the script)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> _ignoreWatch = new("--ignore-watch") { Description = "Paths or patterns not watched (space or comma separated)" };
    private readonly Option<string?> _watchDelay = new("--watch-delay") { Description = "Delay between a change and the restart (ms, or 2s)" };
    private readonly Option<string?> _maxMemory = new("--max-memory-restart") { Description = "Restart when memory exceeds this size (200M, 1G)" };
    private readonly Option<string?> _cron = new("--cron") { Description = "Restart on a cron schedule" };
    private readonly Option<string?> _cronRestart = new("--cron-restart") { Description = "Same as --cron" };
    private readonly Option<bool> _time = new("--time") { Description = "Prefix log lines with a timestamp" };
    private readonly Option<string?> _logDateFormat = new("--log-date-format") { Description = "Timestamp format of log lines (YYYY-MM-DD HH:mm:ss)" };
    private readonly Option<string?> _nodeArgs = new("--node-args") { Description = "Arguments for the interpreter (space separated)" };
    private readonly Option<string?> _interpreterArgs = new("--interpreter-args") { Description = "Same as --node-args" };
    private readonly Option<string?> _output = new("--output", "-o") { Description = "File for stdout" };
    private readonly Option<string?> _error = new("--error", "-e") { Description = "File for stderr" };
    private readonly Option<string?> _log = new("--log", "-l") { Description = "File for stdout and stderr together", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _mergeLogs = new("--merge-logs") { Description = "All instances write to the same log files" };
    private readonly Option<string?> _namespace = new("--namespace") { Description = "Namespace of the app" };
    private readonly Option<bool> _noAutoRestart = new("--no-autorestart") { Description = "Do not restart the app when it exits" };
    private readonly Option<string?> _killTimeout = new("--kill-timeout", "-k") { Description = "Time between the stop signal and SIGKILL (ms, or 5s)" };
    private readonly Option<string?> _restartDelay = new("--restart-delay") { Description = "Delay before a restart (ms, or 2s)" };
    private readonly Option<string?> _expBackoff = new("--exp-backoff-restart-delay") { Description = "Exponential restart backoff starting at this delay (ms)" };
    private readonly Option<bool> _executeCommand = new("--execute-command", "-x") { Description = "Run in fork mode (the default)" };
    private readonly Option<string?> _maxRestarts = new("--max-restarts") { Description = "Unstable restarts before the app is errored" };
    private readonly Option<string?> _minUptime = new("--min-uptime") { Description = "A run shorter than this is unstable (ms, or 5s)" };
    private readonly Option<bool> _waitReady = new("--wait-ready") { Description = "Online once the app calls process.send('ready') or sends READY=1 (sd_notify), or after --listen-timeout, as in PM2" };
    private readonly Option<string?> _listenTimeout = new("--listen-timeout") { Description = "How long --wait-ready waits for ready (ms, or 10s; default 3s)" };
    private readonly Option<bool> _shutdownWithMessage = new("--shutdown-with-message") { Description = "Stop node apps with process.send('shutdown') instead of a signal" };
    private readonly Option<string?> _pid = new("--pid", "-p") { Description = "File the app's pid is written to" };
    private readonly Option<string?> _uid = new("--uid") { Description = "Run as this user" };
    private readonly Option<string?> _gid = new("--gid") { Description = "Run as this group" };

    public void AddTo(Command command)
    {
        Option[] all =
        [
            _watch, _ignoreWatch, _watchDelay, _maxMemory, _cron, _cronRestart, _time, _logDateFormat, _nodeArgs, _interpreterArgs,
            _output, _error, _log, _mergeLogs, _namespace, _noAutoRestart, _killTimeout, _restartDelay, _expBackoff, _executeCommand,
            _maxRestarts, _minUptime, _waitReady, _listenTimeout, _shutdownWithMessage, _pid, _uid, _gid,
        ];
        foreach (var option in all)
        {
            command.Add(option);
        }
    }

    /// <summary>The fields the flags set, by ecosystem key; null when no flag was given.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Read(ParseResult parse)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (parse.GetResult(_watch) is not null)
        {
            var paths = parse.GetValue(_watch) ?? [];
            fields["watch"] = paths.Length == 0 ? Bool(true) : List(paths);
        }

        if (parse.GetValue(_ignoreWatch) is { } ignore)
        {
            fields["ignore_watch"] = List(ignore.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        Duration(fields, "watch_delay", parse.GetValue(_watchDelay));
        Text(fields, "max_memory_restart", parse.GetValue(_maxMemory));
        Text(fields, "cron_restart", parse.GetValue(_cronRestart) ?? parse.GetValue(_cron));
        Flag(fields, "time", parse.GetValue(_time));
        Text(fields, "log_date_format", parse.GetValue(_logDateFormat));
        Text(fields, "node_args", parse.GetValue(_interpreterArgs) ?? parse.GetValue(_nodeArgs));
        Text(fields, "out_file", parse.GetValue(_output));
        Text(fields, "error_file", parse.GetValue(_error));
        if (parse.GetResult(_log) is not null)
        {
            // PM2: -l alone asks for a combined log in its default place; -l FILE names it.
            fields["log_file"] = parse.GetValue(_log) is { } file ? String(file) : Bool(true);
        }

        Flag(fields, "merge_logs", parse.GetValue(_mergeLogs));
        Text(fields, "namespace", parse.GetValue(_namespace));
        if (parse.GetValue(_noAutoRestart))
        {
            fields["autorestart"] = Bool(false);
        }

        Duration(fields, "kill_timeout", parse.GetValue(_killTimeout));
        Duration(fields, "restart_delay", parse.GetValue(_restartDelay));
        Duration(fields, "exp_backoff_restart_delay", parse.GetValue(_expBackoff));
        if (parse.GetValue(_executeCommand))
        {
            fields["exec_mode"] = String("fork"); // PM2: execute_command forces fork mode
        }

        Duration(fields, "max_restarts", parse.GetValue(_maxRestarts));
        Duration(fields, "min_uptime", parse.GetValue(_minUptime));
        Flag(fields, "wait_ready", parse.GetValue(_waitReady));
        Duration(fields, "listen_timeout", parse.GetValue(_listenTimeout));
        Flag(fields, "shutdown_with_message", parse.GetValue(_shutdownWithMessage));
        Text(fields, "pid_file", parse.GetValue(_pid));
        Text(fields, "uid", parse.GetValue(_uid));
        Text(fields, "gid", parse.GetValue(_gid));
        return fields.Count == 0 ? null : fields;
    }

    private static void Text(Dictionary<string, JsonElement> fields, string key, string? value)
    {
        if (value is not null)
        {
            fields[key] = String(value);
        }
    }

    private static void Flag(Dictionary<string, JsonElement> fields, string key, bool value)
    {
        if (value)
        {
            fields[key] = Bool(true);
        }
    }

    // A bare number is sent as a number (PM2's milliseconds, or a count); "5s" as text, which our units read.
    private static void Duration(Dictionary<string, JsonElement> fields, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        fields[key] = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Element(writer => writer.WriteNumberValue(number))
            : String(value);
    }

    private static JsonElement String(string value) => Element(writer => writer.WriteStringValue(value));

    private static JsonElement Bool(bool value) => Element(writer => writer.WriteBooleanValue(value));

    private static JsonElement List(IEnumerable<string> values) => Element(writer =>
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    });

    // Written with Utf8JsonWriter: no serializer, nothing more for od to link.
    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
