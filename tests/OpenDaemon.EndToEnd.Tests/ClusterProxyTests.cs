using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// The request-level strategies through the real daemon: its HTTP proxy (Kestrel and YARP) in front of two
/// instances of an unchanged Node server that answers its pid — cookie stickiness (HTTP and a WebSocket),
/// routing by a header, a reload under load through the proxy, TLS with HTTP/2, and an app that is not HTTP.
/// </summary>
public sealed class ClusterProxyTests
{
    // Answers GET with its pid; a WebSocket upgrade gets the handshake and one text message: its pid.
    // SIGINT closes the server gracefully.
    private const string Server = """
        const crypto = require('crypto');
        const http = require('http');
        const server = http.createServer((req, res) => res.end(String(process.pid)));
        server.on('upgrade', (req, socket) => {
          const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
          const pid = Buffer.from(String(process.pid));
          socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ' + accept + '\r\n\r\n');
          socket.write(Buffer.concat([Buffer.from([0x81, pid.length]), pid]));
        });
        server.listen(Number(process.env.PORT));
        process.on('SIGINT', () => server.close(() => process.exit(0)));
        """;

    [Fact]
    public async Task Sticky_AClientStaysOnItsInstance_OverHttpAndAWebSocket_AndAReloadUnderLoadLosesNoRequest()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "sticky: true");

        var (first, firstPid) = await NewClientAsync(port);
        var (second, secondPid) = await NewClientAsync(port);
        Assert.NotEqual(firstPid, secondPid); // new clients in turn (round-robin)
        Assert.Equal(pids, new HashSet<int> { firstPid, secondPid });
        for (var request = 0; request < 4; request++)
        {
            Assert.Equal(firstPid, await GetPidAsync(first.Client, port));
            Assert.Equal(secondPid, await GetPidAsync(second.Client, port));
        }

        Assert.Equal(secondPid, await WebSocketPidAsync(port, second.Cookies));
        var info = await od.RunAsync("info", "web");
        Assert.Contains("(the daemon proxies each HTTP request to an instance: sticky (cookie od_instance), else by the strategy)", info.StandardOutput, StringComparison.Ordinal);

        await RequestLoop.AssertNoneFailAroundAsync(port, async () =>
        {
            var reload = await od.RunAsync("reload", "web");
            Assert.True(reload.ExitCode == 0, reload.ToString());
        });

        // After the reload the cookie names an instance whose new run serves: the client stays on that instance.
        var reloaded = (await TestApps.ListAsync(od)).OrderBy(p => p.Instance).Select(p => p.Pid!.Value).ToList();
        var firstInstance = pids.ToList().IndexOf(firstPid);
        Assert.Equal(reloaded[firstInstance], await GetPidAsync(first.Client, port));
        var log = await File.ReadAllTextAsync(Path.Combine(od.Home, "daemon.log"));
        Assert.DoesNotContain("had not taken every connection", log, StringComparison.Ordinal);
        first.Client.Dispose();
        second.Client.Dispose();
    }

    [Fact]
    public async Task RouteByHeader_EachValueStaysOnOneInstance_AndTheValuesSpreadOverBoth()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "routeByHeader: X-Tenant");
        using var client = new HttpClient();

        var byTenant = new Dictionary<string, int>();
        foreach (var tenant in new[] { "acme", "globex", "initech", "umbrella", "hooli", "stark" })
        {
            var answers = new HashSet<int>();
            for (var request = 0; request < 3; request++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
                message.Headers.Add("X-Tenant", tenant);
                using var response = await client.SendAsync(message);
                answers.Add(int.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture));
            }

            byTenant[tenant] = Assert.Single(answers);
        }

        Assert.Equal(pids, byTenant.Values.ToHashSet());
    }

    [Fact]
    public async Task Tls_ClientsSpeakHttp2OverTls_AndInfoSaysSo()
    {
        await using var od = new OdSandbox();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pems = TestApps.Write(od, "cert.pem", certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(pems, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        var (port, pids) = await StartAsync(od, $"tls: {{ cert: '{Path.Combine(pems, "cert.pem")}', key: '{Path.Combine(pems, "key.pem")}' }}");
        var thumbprint = certificate.GetCertHashString();
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint;
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await client.GetAsync($"https://127.0.0.1:{port}/").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains(int.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture), pids);
        var info = await od.RunAsync("info", "web");
        Assert.Contains("(the daemon proxies each HTTP request to an instance: over TLS (HTTP/2 or HTTP/1.1), by the strategy)", info.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_ACertificateThatDoesNotParse_FailsTheStartNamingIt_AndLeavesThePortFree()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "server.js", Server);
        File.WriteAllText(Path.Combine(dir, "cert.pem"), "not a certificate");
        var port = FreePorts.Next();
        File.WriteAllText(Path.Combine(dir, "web.config.yaml"), $$"""
            apps:
              - { name: web, script: server.js, mode: cluster, instances: 2, port: {{port.ToString(CultureInfo.InvariantCulture)}}, cluster: { tls: { cert: cert.pem } } }
            """);

        var start = await od.RunInAsync(dir, "start", "web.config.yaml");

        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("cluster.tls: cannot load the certificate", start.ToString(), StringComparison.Ordinal);
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Any, port);
        probe.Start(); // the proxy closed the daemon's copy of the socket it never served
        probe.Stop();
    }

    // Two instances of the server with the cluster fields given; the port and the two pids.
    [Fact]
    public async Task Sticky_OnAnAppThatDoesNotSpeakHttp_Answers502_AndDaemonLogSaysWhy()
    {
        await using var od = new OdSandbox();
        var (port, _) = await StartAsync(od, "sticky: true", server: """
            require('net').createServer(socket => socket.end('SSH-2.0-not-http\r\n')).listen(Number(process.env.PORT));
            """);
        using var client = new HttpClient();

        using var response = await client.GetAsync($"http://127.0.0.1:{port}/").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var log = Path.Combine(od.Home, "daemon.log");
        await Poll.UntilAsync(() => File.ReadAllText(log).Contains("does not answer in HTTP", StringComparison.Ordinal), "daemon.log says the app does not answer in HTTP");
        Assert.Contains("use a connection-level strategy", File.ReadAllText(log), StringComparison.Ordinal);
    }

    private static async Task<(int Port, HashSet<int> Pids)> StartAsync(OdSandbox od, string cluster, string server = Server)
    {
        var dir = TestApps.Write(od, "server.js", server);
        var port = FreePorts.Next();
        File.WriteAllText(Path.Combine(dir, "web.config.yaml"), $$"""
            apps:
              - { name: web, script: server.js, mode: cluster, instances: 2, port: {{port.ToString(CultureInfo.InvariantCulture)}}, cluster: { {{cluster}} } }
            """);
        var start = await od.RunInAsync(dir, "start", "web.config.yaml");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.DoesNotContain("warning", start.StandardError, StringComparison.Ordinal);
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online");
        return (port, table.OrderBy(p => p.Instance).Select(p => p.Pid!.Value).ToHashSet());
    }

    // A client with a cookie jar after its first request, and the pid that served it (the cookie is set then).
    private static async Task<((HttpClient Client, CookieContainer Cookies), int Pid)> NewClientAsync(int port)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        var pid = await GetPidAsync(client, port);
        Assert.Equal(1, cookies.Count);
        return ((client, cookies), pid);
    }

    private static async Task<int> GetPidAsync(HttpClient client, int port) =>
        int.Parse(await client.GetStringAsync($"http://127.0.0.1:{port}/").WaitAsync(TimeSpan.FromSeconds(30)), CultureInfo.InvariantCulture);

    private static async Task<int> WebSocketPidAsync(int port, CookieContainer cookies)
    {
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), timeout.Token);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return int.Parse(Encoding.ASCII.GetString(buffer, 0, received.Count), CultureInfo.InvariantCulture);
    }
}
