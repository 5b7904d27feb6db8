using System.Diagnostics;
using CivilAffairs.Benchmarks;

// dotnet run -c Release --project Benchmarks -- roster [--scale 36] [--db path]
// dotnet run -c Release --project Benchmarks -- import [--rows 50000]
// dotnet run -c Release --project Benchmarks -- payments [--scale 36]
// dotnet run -c Release --project Benchmarks -- cockpit [--scale 36]
// dotnet run -c Release --project Benchmarks -- reports [--scale 36]
// dotnet run -c Release --project Benchmarks -- applications [--scale 36]
var verb = args.FirstOrDefault() ?? "";
var scale = int.TryParse(Option("--scale"), out var s) ? s : 36;
var rows = int.TryParse(Option("--rows"), out var r) ? r : 50_000;
var db = Option("--db");

return verb switch
{
    "roster" => await RosterSearchBenchmark.RunAsync(scale, db),
    "import" => await RosterImportBenchmark.RunAsync(rows),
    "payments" => await PaymentRunBenchmark.RunAsync(scale),
    "cockpit" => await CockpitBenchmark.RunAsync(scale),
    "reports" => await ReportsBenchmark.RunAsync(scale),
    "applications" => await ApplicationsBenchmark.RunAsync(scale),
    _ => Usage(),
};

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: roster [--scale 36] [--db file] | import [--rows 50000] | payments [--scale 36] | cockpit [--scale 36] | reports [--scale 36] | applications [--scale 36]");
    return 2;
}

namespace CivilAffairs.Benchmarks
{
    /// <summary>Median and 95th percentile of repeated timings, the way docs/performance.md reports them.</summary>
    public static class Timing
    {
        public static async Task<(double Median, double P95)> MeasureAsync(Func<Task> action, int warmup = 3, int runs = 25)
        {
            for (var i = 0; i < warmup; i++) await action();
            var samples = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await action();
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            samples.Sort();
            return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1]);
        }
    }
}
