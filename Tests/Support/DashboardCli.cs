using System.Diagnostics;

namespace CivilAffairs.Tests.Support;

/// <summary>Runs the dashboard's command-line verbs as a separate process, as an operator would.</summary>
public static class DashboardCli
{
    /// <summary>Runs a verb as the demo account holding <paramref name="role"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunAsAsync(string connectionString, string role, params string[] args) =>
        RunAsync(connectionString, [.. args, "--user", TestDatabase.UserNameOf(role)]);

    public static Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args) =>
        RunWithInputAsync(connectionString, null, args);

    /// <summary>Runs a verb with <paramref name="input"/> on its standard input (e.g. a password).</summary>
    public static async Task<(int ExitCode, string Output)> RunWithInputAsync(string connectionString, string? input, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CivilAffairs.Dashboard.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
