using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Infrastructure.Persistence;
using CivilAffairs.Infrastructure.Persistence.Seeding;

namespace CivilAffairs.Dashboard;

/// <summary>
/// The command-line verbs (`dotnet run --project Dashboard -- verify-audit`): same configuration and database as
/// the web app, no web server. Exit code 0 on success, non-zero with a message otherwise.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["verify-audit", "seed-demo"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            return args[0] switch
            {
                "verify-audit" => await VerifyAuditAsync(app.Services),
                "seed-demo" => await SeedDemoAsync(app.Services),
                _ => Fail($"未知命令：{args[0]}"),
            };
        }
        catch (Exception e)
        {
            return Fail($"命令执行失败：{e.Message}");
        }
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await VerifyAuditChainHandler.VerifyAsync(scope.ServiceProvider.GetRequiredService<IDataSessionFactory>(), default);
        if (result.IsIntact)
        {
            Console.WriteLine($"审计链完整：共校验 {result.RecordsChecked} 条记录；末条 #{result.LastSequence}，哈希 {result.LastHash}。");
            Console.WriteLine("请将末条编号和哈希另行记录（如纸质台账），以便日后发现末尾记录被删除。");
            return 0;
        }
        return Fail($"审计链在第 {result.BrokenAtSequence} 条处断开：{result.Problem}（此前 {result.RecordsChecked} 条完好）。");
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var written = await services.GetRequiredService<DemoRosterSeeder>().SeedAsync(
            progress: new Progress<int>(n => Console.WriteLine($"已写入 {n:N0} 户…")));
        Console.WriteLine(written is null
            ? "花名册已有数据，未写入演示数据。"
            : $"演示花名册已写入：{written.Households:N0} 户，{written.Persons:N0} 人，{written.Enrollments:N0} 条救助记录。");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
