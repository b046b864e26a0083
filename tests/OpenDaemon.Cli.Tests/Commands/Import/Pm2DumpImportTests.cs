using System.Text.Json;
using OpenDaemon.Cli.Commands.Import;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Tests.Commands.Import;

public sealed class Pm2DumpImportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("od-pm2dump-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Convert_TwoEntriesOfOneApp_BecomeOneAppWithTwoInstancesAndTheRestIsReported()
    {
        var dump = Write("""
            [
              {"name":"api","pm_exec_path":"/srv/api/server.js","pm_cwd":"/srv/api","args":["--port","3000"],"exec_mode":"cluster_mode",
               "exec_interpreter":"node","node_args":["--max-old-space-size=512"],"namespace":"web","merge_logs":false,"status":"online",
               "pm_out_log_path":"/var/log/api-out-0.log","pm_err_log_path":"__HOME__/logs/api-error-0.log","kill_timeout":3000,
               "vizion":true,"max_memory_restart":104857600,"deep_monitoring":true,
               "env":{"PATH":"/usr/bin","FOO":"bar","PM2_HOME":"/x","api":"{}","unique_id":"u"},"PATH":"/usr/bin","FOO":"bar"},
              {"name":"api","pm_exec_path":"/srv/api/server.js","pm_cwd":"/srv/api","exec_mode":"cluster_mode","status":"stopped"}
            ]
            """);

        var result = Pm2DumpImport.Convert(dump, new Dictionary<string, string> { ["PATH"] = "/usr/bin" });

        using var config = JsonDocument.Parse(result.Config);
        var api = Assert.Single(config.RootElement.GetProperty("apps").EnumerateArray());
        Assert.Equal("/srv/api/server.js", api.GetProperty("script").GetString());
        Assert.Equal(2, api.GetProperty("instances").GetInt32());
        Assert.False(api.TryGetProperty("mode", out _)); // PM2 cluster without a known port: fork mode here, with a note
        Assert.Equal("web", api.GetProperty("namespace").GetString());
        Assert.Equal("104857600B", api.GetProperty("maxMemory").GetString());
        Assert.Equal(3000, api.GetProperty("killTimeout").GetInt32());
        Assert.Equal("/var/log/api-out.log", api.GetProperty("logFile").GetString()); // od adds the instance suffix itself
        Assert.False(api.TryGetProperty("errorLogFile", out _)); // it was in PM2's logs directory
        Assert.Equal("text", api.GetProperty("logs").GetProperty("format").GetString());
        Assert.Equal(["FOO"], api.GetProperty("env").EnumerateObject().Select(variable => variable.Name));
        Assert.Equal(["--max-old-space-size=512"], api.GetProperty("interpreterArgs").EnumerateArray().Select(arg => arg.GetString()));
        Assert.Equal(["api: deep_monitoring = true"], result.NotMapped);
        Assert.Contains(result.Notes, note => note.Contains("was stopped in PM2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"not\":\"an array\"}")]
    [InlineData("not json")]
    public void Convert_NotADump_IsConfigInvalid(string text)
    {
        var error = Assert.Throws<DaemonException>(() => Pm2DumpImport.Convert(Write(text), new Dictionary<string, string>()));

        Assert.Equal(ErrorCode.ConfigInvalid, error.Code);
    }

    [Fact]
    public void Convert_Missing_IsConfigNotFoundWithHint()
    {
        var error = Assert.Throws<DaemonException>(() => Pm2DumpImport.Convert(Path.Combine(_directory, "nope.pm2"), new Dictionary<string, string>()));

        Assert.Equal(ErrorCode.ConfigNotFound, error.Code);
        Assert.Contains("pm2 save", error.Hint, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, "dump.pm2");
        File.WriteAllText(path, text.Replace("__HOME__", _directory, StringComparison.Ordinal));
        return path;
    }
}
