using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>GET requests one after another, each on a new connection, until stopped; counts answers and failures.</summary>
internal sealed class RequestLoop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _failures = [];
    private int _succeeded;

    public RequestLoop(int port) => _loop = Task.Run(() => RunAsync(port));

    /// <summary>
    /// Runs <paramref name="operation"/> (a reload, a scale) while requests keep coming, from 20 answered before
    /// it to 20 answered after it, and asserts that none of them failed.
    /// </summary>
    public static async Task AssertNoneFailAroundAsync(int port, Func<Task> operation)
    {
        using var load = new RequestLoop(port);
        await Poll.UntilAsync(() => load.Succeeded >= 20, "the server answers");
        await operation();
        var served = load.Succeeded;
        await Poll.UntilAsync(() => load.Succeeded >= served + 20, "requests keep being answered after it");
        var (succeeded, failures) = await load.StopAsync();
        Assert.True(failures.Count == 0, $"{failures.Count} of {succeeded + failures.Count} requests failed: {string.Join("; ", failures.Take(5))}");
    }

    public int Succeeded => Volatile.Read(ref _succeeded);

    public async Task<(int Succeeded, List<string> Failures)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        lock (_failures)
        {
            return (Succeeded, [.. _failures]);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(int port)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
                request.Headers.ConnectionClose = true;
                using var response = await client.SendAsync(request, CancellationToken.None);
                await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _succeeded);
                }
                else
                {
                    Fail($"HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                Fail(error.Message);
            }
        }
    }

    private void Fail(string why)
    {
        lock (_failures)
        {
            _failures.Add(why);
        }
    }
}
