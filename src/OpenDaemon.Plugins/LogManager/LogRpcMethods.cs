using System.Text.RegularExpressions;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.LogManager.Reading;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>The <c>log.*</c> methods of spec §5.4.</summary>
internal static class LogRpcMethods
{
    private const int DefaultLimit = 100;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static void Register(IPluginContext context, LogService logs)
    {
        var json = ContractsJsonContext.Default;
        RpcParameters.Register(context, RpcMethods.LogSearch, () => json.LogSearchResult, (call, ct) =>
        {
            var parameters = RpcParameters.Read(call, json.LogSearchParams, "{\"targets\":[\"api\"],\"limit\":100,\"level\":\"warn\",\"grep\":\"regex\",\"since\":\"ISO time\", ...}");
            var cursor = parameters.Cursor is { } text
                ? LogCursor.Parse(text) ?? throw RpcParameterReader.Invalid(call, "cursor", "is not a cursor this daemon gave out", "pass the nextCursor of the previous answer unchanged")
                : null;
            return logs.SearchAsync(parameters.Targets, Query(call, parameters), cursor, ct);
        });
        RpcParameters.Register(context, RpcMethods.LogStream, () => json.LogStreamStarted, (call, _) =>
            Task.FromResult(logs.Stream(RpcParameters.Read(call, json.LogStreamParams, "{\"targets\":[\"api\"],\"level\":\"warn\", ...}"), call.Peer)));
        RpcParameters.Register(context, RpcMethods.LogUnstream, () => json.LogUnstreamResult, (call, _) =>
            Task.FromResult(logs.Unstream(RpcParameters.Read(call, json.LogUnstreamParams, "{\"streamId\":1}").StreamId, call.Peer)));
        RpcParameters.Register(context, RpcMethods.LogFlush, () => json.LogFlushResult, (call, _) =>
            Task.FromResult(logs.Flush(RpcParameters.Read(call, json.LogFlushParams, "{\"targets\":[\"api\"]}").Targets)));
        RpcParameters.Register(context, RpcMethods.LogTruncate, () => json.LogFlushResult, (call, _) =>
            Task.FromResult(logs.Truncate(RpcParameters.Read(call, json.LogFlushParams, "{\"targets\":[\"api\"]}").Targets)));
        RpcParameters.Register(context, RpcMethods.LogReopen, () => json.LogFlushResult, (call, _) =>
            Task.FromResult(logs.Reopen(RpcParameters.Read(call, json.LogFlushParams, "{\"targets\":[\"api\"]}").Targets)));
    }

    /// <summary>The reader's query for <c>log.search</c> parameters; INVALID_PARAMS for a bad level, pattern or limit.</summary>
    public static LogQuery Query(RpcCall call, LogSearchParams parameters) => new()
    {
        Since = parameters.Since,
        Until = parameters.Until,
        MinLevel = Level(parameters.Level),
        Grep = Grep(parameters.Grep),
        Streams = Streams(parameters.Source),
        Limit = parameters.Limit switch
        {
            null => DefaultLimit,
            < 0 => throw RpcParameterReader.Invalid(call, "limit", $"must be 0 or more, not {parameters.Limit}", "for example: {\"limit\": 100}"),
            var limit => limit,
        },
    };

    public static string? Level(string? level) =>
        level is null ? null
        : LogLevels.Parse(level) ?? throw new DaemonException(ErrorCode.InvalidParams, $"unknown log level '{level}'", $"one of {string.Join(", ", LogLevels.All)}");

    public static Regex? Grep(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException error)
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"grep is not a valid regular expression: {error.Message}", "for example: \"timeout|refused\"");
        }
    }

    public static LogStreams Streams(string? source) => source switch
    {
        null => LogStreams.Both,
        "stdout" or "out" => LogStreams.Stdout,
        "stderr" or "err" => LogStreams.Stderr,
        _ => throw new DaemonException(ErrorCode.InvalidParams, $"source must be stdout or stderr, not '{source}'", "leave it out for both"),
    };
}
