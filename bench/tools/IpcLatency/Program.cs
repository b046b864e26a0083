using System.Diagnostics;
using System.Globalization;
using OpenDaemon.Client;

// IpcLatency [CALLS] [WARMUP] [EXPECTED_APPS]: connects once to the daemon of $OD_HOME through the
// C# SDK, makes WARMUP untimed process.list calls, then CALLS timed ones, one after the other, and
// prints "P50_US P99_US MAX_US MEAN_US CALLS APPS": the latency of one call (request written →
// answer read and deserialised into a ProcessList), in microseconds. Exit 1 when the listing does
// not hold EXPECTED_APPS processes or a call fails.
var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var expected = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : -1;

await using var client = await OdClient.ConnectAsync().ConfigureAwait(false);
var apps = 0;
for (var i = 0; i < warmup; i++)
{
    apps = (await client.ListAsync().ConfigureAwait(false)).Processes.Count;
}

if (expected >= 0 && apps != expected)
{
    await Console.Error.WriteLineAsync($"IpcLatency: the daemon lists {apps} processes, expected {expected}").ConfigureAwait(false);
    return 1;
}

var ticks = new long[calls];
for (var i = 0; i < calls; i++)
{
    var start = Stopwatch.GetTimestamp();
    var list = await client.ListAsync().ConfigureAwait(false);
    ticks[i] = Stopwatch.GetTimestamp() - start;
    apps = list.Processes.Count;
}

Array.Sort(ticks);
double Micros(long value) => value * 1_000_000.0 / Stopwatch.Frequency;
long At(double quantile) => ticks[Math.Min(calls - 1, (int)Math.Ceiling(quantile * calls) - 1)];
var mean = ticks.Average(value => Micros(value));
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{Micros(At(0.50)):F1} {Micros(At(0.99)):F1} {Micros(ticks[^1]):F1} {mean:F1} {calls} {apps}"));
return 0;
