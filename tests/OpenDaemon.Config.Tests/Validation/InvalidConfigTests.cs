using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Validation;

public sealed class InvalidConfigTests
{
    private const string Ok = "name: ok\n    script: ok.js";

    /// <summary>YAML app bodies (indented under "- "), the path the problem must name, and a piece of its message.</summary>
    public static TheoryData<string, string, string> InvalidApps => new()
    {
        { "script: 42", "apps[0].name", "'name' is required" }, // a name comes from a string script only (as PM2)
        { "name: a", "apps[0].script", "'script' is required" },
        { $"name: {new string('n', 101)}\n    script: a.js", "apps[0].name", "app names are at most 100 bytes" },
        { "name: a\n    script: a.js\n    mode: clustr", "apps[0].mode", "did you mean 'cluster'?" },
        { "name: a\n    script: a.js\n    maxRestarts: -1", "apps[0].maxRestarts", "expected a whole number ≥ 0, found -1" },
        { "name: a\n    script: a.js\n    healthCheck: { type: tcp, port: 80, interval: soon }", "apps[0].healthCheck.interval", "expected a duration like \"30s\" or a number of milliseconds, found \"soon\"" },
        { "name: a\n    script: a.js\n    maxMemory: lots", "apps[0].maxMemory", "expected a size like \"512M\"" },
        { "name: a\n    script: a.js\n    healthCheck: { type: http, url: 'http://x/h', expectedBody: { regex: '(unclosed' } }", "apps[0].healthCheck.expectedBody.regex", "invalid regular expression" },
        { "name: a\n    script: a.js\n    instances: 0", "apps[0].instances", "expected \"max\", \"max-N\" (all usable CPUs but N) or a whole number ≥ 1, found 0" },
        { "name: a\n    script: a.js\n    instances: many", "apps[0].instances", "found \"many\"" },
        { "name: a\n    script: a.js\n    helthCheck: { type: process }", "apps[0].helthCheck", "unknown key 'helthCheck'; did you mean 'healthCheck'?" },
        { "name: a\n    script: a.js\n    healthCheck: { type: http }", "apps[0].healthCheck.url", "a 'http' health check needs 'url'" },
        { "name: a\n    script: a.js\n    healthCheck: { type: tcp, port: 70000 }", "apps[0].healthCheck.port", "from 1 to 65535" },
        { "name: a\n    script: a.js\n    healthCheck: { type: tcp }", "apps[0].healthCheck.port", "a 'tcp' health check needs 'port'" },
        { "name: a\n    script: a.js\n    healthCheck: { type: grpc, service: orders }", "apps[0].healthCheck.port", "a 'grpc' health check needs 'port'" },
        { "name: a\n    script: a.js\n    healthCheck: { type: command }", "apps[0].healthCheck.command", "a 'command' health check needs 'command'" },
        { "name: a\n    script: a.js\n    healthCheck: { type: script, args: [x] }", "apps[0].healthCheck.command", "a 'script' health check needs 'command'" },
        { "name: a\n    script: a.js\n    healthCheck: { type: ping }", "apps[0].healthCheck.type", "found \"ping\"" },
        { "name: a\n    script: a.js\n    healthCheck: { type: http, url: 'http://x/h', expectedBody: '/(unclosed/' }", "apps[0].healthCheck.expectedBody", "invalid regular expression \"(unclosed\"" },
        { "name: a\n    script: a.js\n    healthCheck: { type: http, url: 'http://x/h', expectedStatus: '299-200' }", "apps[0].healthCheck.expectedStatus", "a range like \"200-299\"" },
        { "name: a\n    script: a.js\n    healthCheck: { type: http, url: 'http://x/h', expectedStatus: [200, 'lots'] }", "apps[0].healthCheck.expectedStatus[1]", "found \"lots\"" },
        { "name: a\n    script: a.js\n    healthCheck: { type: http, url: 'http://x/h', method: 'GET /' }", "apps[0].healthCheck.method", "an HTTP method like GET" },
        { "name: a\n    script: a.js\n    healthCheck: { type: https, url: 'https://x/h', caFile: /nonexistent/ca.pem }", "apps[0].healthCheck.caFile", "CA file /nonexistent/ca.pem does not exist" },
        { "name: a\n    script: a.js\n    healthCheck: { type: composite, checks: [ { type: tcp, port: 1 }, { type: composite, checks: [ { type: http } ] } ] }", "apps[0].healthCheck.checks[1].checks[0].url", "a 'http' health check needs 'url'" },
        { "name: a\n    script: a.js\n    healthCheck: { type: https, url: 'http://x/h' }", "apps[0].healthCheck.url", "needs an https:// URL" },
        { "name: a\n    script: a.js\n    healthCheck: { type: composite, operator: xor, checks: [ { type: tcp, port: 1 } ] }", "apps[0].healthCheck.operator", "expected one of and, or, found \"xor\"" },
        { "name: a\n    script: a.js\n    dependencies: [db]", "apps[0].dependencies[0]", "unknown app \"db\"" },
        { "name: a\n    script: a.js\n    dependencies: [a]", "apps[0].dependencies[0]", "cannot depend on itself" },
        { "name: a\n    script: a.js\n    cron: every minute", "apps[0].cron", "a cron expression has 5 fields" },
        { "name: a\n    script: a.js\n    cron: '99 * * * *'", "apps[0].cron", "cron field 1 (minute) \"99\": 99 is out of range 0-59" },
        { "name: a\n    script: a.js\n    cron: '0 0 * 13 *'", "apps[0].cron", "cron field 4 (month) \"13\": 13 is out of range 1-12" },
        { "name: a\n    script: a.js\n    cron: '*/0 * * * * *'", "apps[0].cron", "cron field 1 (second) \"*/0\": step \"0\"" },
        { "name: a\n    script: a.js\n    cron: '@fortnightly'", "apps[0].cron", "unknown cron macro" },
        { "name: a\n    script: a.js\n    cron: '@daily'\n    cronTimezone: Mars/Olympus", "apps[0].cronTimezone", "unknown time zone \"Mars/Olympus\"" },
        { "name: a\n    script: a.js\n    cronRetry: 2", "apps[0].cronRetry", "has no effect without 'cron'" },
        { "name: a\n    script: a.js\n    nice: 40", "apps[0].nice", "from -20 to 19" },
        { "name: a\n    script: a.js\n    umask: '999'", "apps[0].umask", "an octal string like \"022\"" },
        { "name: a\n    script: a.js\n    env: { DB: { secret: '' } }", "apps[0].env.DB.secret", "'secret' must not be empty" },
        { "name: a\n    script: a.js\n    env: { LIST: [1, 2] }", "apps[0].env.LIST", "expected a string or { \"secret\": \"name\" }, found a list" },
        { "name: a\n    script: a.js\n    deploy: { strategy: big-bang }", "apps[0].deploy.strategy", "one of rolling, blue-green, canary, recreate, a-b" },
        { "name: a\n    script: a.js\n    deploy: { canarySteps: [10, 50, 20] }", "apps[0].deploy.canarySteps[2]", "canary steps must increase" },
        { "name: a\n    script: a.js\n    notifications: { channels: [ { type: email, to: [ops@x.io] } ] }", "apps[0].notifications.channels[0].smtp", "an 'email' channel needs 'smtp'" },
        { "name: a\n    script: a.js\n    notifications: { channels: [ { type: slack } ] }", "apps[0].notifications.channels[0].url", "a 'slack' channel needs 'url'" },
        { "name: a\n    script: a.js\n    limits: { memory: { max: 1G, action: throttle } }", "apps[0].limits.memory.action", "expected one of warn, restart, stop, found \"throttle\"" },
        { "name: a\n    script: a.js\n    limits: { cpu: { action: stop } }", "apps[0].limits.cpu.max", "'max' is required" },
        { "name: a\n    script: a.js\n    cluster: { autoScale: { min: 4, max: 2 } }", "apps[0].cluster.autoScale.max", "'max' (2) must be ≥ 'min' (4)" },
        { "name: a\n    script: a.js\n    cluster: { routeByHeader: 'X Tenant' }", "apps[0].cluster.routeByHeader", "'X Tenant' is not an HTTP header name" },
        { "name: a\n    script: a.js\n    cluster: { tls: { key: k.pem } }", "apps[0].cluster.tls.cert", "required" },
        { "name: a\n    script: a.js\n    cluster: { tls: { cert: /nonexistent/cert.pem } }", "apps[0].cluster.tls.cert", "/nonexistent/cert.pem does not exist" },
        { "name: a\n    script: a.js\n    cluster: { autoScale: { max: 2, scaleUp: { metric: custom, threshold: 5 } } }", "apps[0].cluster.autoScale.scaleUp.name", "'name' is required with metric custom" },
        { "name: a\n    script: a.js\n    cluster: { autoScale: { max: 2, scaleUp: { threshold: 50 }, scaleDown: { threshold: 60 } } }", "apps[0].cluster.autoScale.scaleDown.threshold", "must be below the scale-up threshold (50)" },
        { "name: a\n    script: a.js\n    autoRestart: sometimes", "apps[0].autoRestart", "one of always, on-failure, unless-stopped, never" },
        { "name: a\n    script: a.js\n    stopSignal: SIGFOO", "apps[0].stopSignal", "found \"SIGFOO\"" },
        { "name: a\n    script: a.js\n    watch: { paths: [src], delay: -5 }", "apps[0].watch.delay", "found -5" },
        { "name: a\n    script: a.js\n    port: '3000x'", "apps[0].port", "expected a whole number from 1 to 65535, found \"3000x\"" },
        { "name: a/b\n    script: a.js", "apps[0].name", "must not contain '/'" },
        { "name: a\n    script: a.js\n    max_memory_restart: huge", "apps[0].max_memory_restart", "expected a size like \"512M\"" },
        { "name: a\n    script: a.js\n    logs: { rotation: { maxFiles: 0 } }", "apps[0].logs.rotation.maxFiles", "≥ 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidApps))]
    public async Task LoadAsync_InvalidApp_ReportsTheExactPath(string app, string path, string message)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps:\n  - {app}\n  - {Ok}\n");

        var result = await TestConfig.LoadAsync(file);

        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems, p => p.Path == path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(file, problem.File);
        Assert.NotNull(problem.Line);
    }

    public static TheoryData<string, string, string> InvalidFiles => new()
    {
        { "apps: []", "apps", "the app list is empty" },
        { "daemon: { logLevel: info }", "apps", "no apps defined" },
        { "app: []\napps: [ { name: a, script: a.js } ]", "app", "unknown key 'app'; did you mean 'apps'?" },
        { "apps:\n  - name: a\n    script: a.js\n  - name: a\n    script: b.js", "apps[1].name", "duplicate app name \"a\" (also apps[0])" },
        { "apps:\n  - name: a\n    script: a.js\n    dependencies: [b]\n  - name: b\n    script: b.js\n    dependencies: [a]", "apps[0].dependencies", "dependency cycle: a → b → a" },
        { "apps: [ 42 ]", "apps[0]", "expected an object, found 42" },
        { "daemon: { logLevel: loud }\napps: [ { name: a, script: a.js } ]", "daemon.logLevel", "expected one of trace, debug, info, warn, error, fatal" },
        { "defaults: { maxMemory: huge }\napps: [ { name: a, script: a.js }, { name: b, script: b.js } ]", "defaults.maxMemory", "expected a size" },
        { "defaults: { name: x }\napps: [ { script: a.js } ]", "defaults.name", "cannot have a default" },
        { "plugins: { log-manager: 5 }\napps: [ { name: a, script: a.js } ]", "plugins.log-manager", "expected an object (or false to disable the plugin)" },
        { "- just\n- a list", "[0]", "expected an object, found \"just\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public async Task LoadAsync_InvalidFile_ReportsTheExactPath(string yaml, string path, string message)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", yaml + "\n");

        var result = await TestConfig.LoadAsync(file);

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.Path == path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ManyProblems_ReportsEveryOneInOnePassWithPositions()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", """
            apps:
              - name: api
                script: api.js
                instances: none
              - name: web
                script: web.js
                healthCheck:
                  type: http
                  url: http://localhost/health
                  interval: soon
                restartDelay: later
            """);

        var result = await TestConfig.LoadAsync(file);

        Assert.Equal(3, result.Problems.Count);
        var interval = Assert.Single(result.Problems, p => p.Path == "apps[1].healthCheck.interval");
        Assert.Equal(10, interval.Line);
        Assert.Equal(7, interval.Column);
        Assert.Equal("\"soon\"", interval.Found);
        Assert.Equal("a duration like \"30s\" or a number of milliseconds", interval.Expected);
        Assert.Equal(
            "opendaemon.config.yaml:10:7 apps[1].healthCheck.interval: expected a duration like \"30s\" or a number of milliseconds, found \"soon\"",
            interval.ToString());
        Assert.Contains(result.Problems, p => p.Path == "apps[0].instances" && p.Line == 4);
        Assert.Contains(result.Problems, p => p.Path == "apps[1].restartDelay" && p.Line == 11);
    }

    [Fact]
    public async Task LoadAsync_YamlSyntaxError_ReportsLineAndColumn()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "apps:\n  - name: a\n    script: [a.js\n  - name: b\n");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.Null(result.Config);
        Assert.StartsWith("invalid YAML:", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
        Assert.NotNull(problem.Column);
        Assert.InRange(problem.Line!.Value, 3, 5);
    }

    [Fact]
    public async Task LoadAsync_YamlBadIndentation_ReportsLineAndColumn()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "apps:\n  - name: a\n    script: a.js\n   cwd: x\n");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("invalid YAML:", problem.Message, StringComparison.Ordinal);
        Assert.Equal(4, problem.Line);
        Assert.Equal(4, problem.Column);
    }

    [Fact]
    public async Task LoadAsync_JsonSyntaxError_ReportsLineAndColumn()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.json", "{\n  \"apps\": [\n    { \"name\": \"a\" \"script\": \"a.js\" }\n  ]\n}\n");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("invalid JSON:", problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, problem.Line);
        Assert.Equal(19, problem.Column);
        Assert.StartsWith("opendaemon.config.json:3:19 invalid JSON", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_JsonValidationProblem_HasLineAndColumnOfTheKey()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.json", "{\n  \"apps\": [\n    {\n      \"name\": \"a\",\n      \"script\": \"a.js\",\n      \"killTimeout\": \"forever\"\n    }\n  ]\n}\n");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("apps[0].killTimeout", problem.Path);
        Assert.Equal((6, 7), (problem.Line, problem.Column));
    }

    [Fact]
    public async Task LoadAsync_JsonDuplicateKey_IsAProblem()
    {
        using var dir = new TempDirectory();
        var file = dir.Write(".opendaemonrc", "{ \"apps\": [ { \"name\": \"a\", \"script\": \"a.js\", \"name\": \"b\" } ] }");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("apps[0].name", problem.Path);
        Assert.Contains("duplicate key 'name'", problem.Message, StringComparison.Ordinal);
    }
}
