// A worker that "places orders" every 100 ms and reports them to OpenDaemon:
//   od start ./dotnet-metrics --name shop && od metrics shop
// shows od_app_orders_placed_total, od_app_checkout_seconds (a histogram) and the runtime's od_app_dotnet_* series.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenDaemon.Runtime;

await using var reporter = RuntimeMetrics.Start(); // does nothing outside OpenDaemon
using var meter = new Meter("Shop");
var orders = meter.CreateCounter<long>("orders_placed", description: "Orders placed.");
var checkout = meter.CreateHistogram<double>("checkout_seconds", unit: "s", description: "Time to check out.");

using var stop = new CancellationTokenSource();
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
Console.WriteLine("shop is open");
using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
try
{
    while (await timer.WaitForNextTickAsync(stop.Token))
    {
        var started = Stopwatch.GetTimestamp();
        orders.Add(1, new KeyValuePair<string, object?>("region", "eu"));
        checkout.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
catch (OperationCanceledException)
{
    // SIGTERM: od stop.
}

await reporter.ReportNowAsync(); // the last orders, before the process exits
Console.WriteLine("shop is closed");
