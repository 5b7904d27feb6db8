using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CivilAffairs.Tests.Roster;

/// <summary>Moving an Excel roster in: everything checked first, nothing half-written, re-import adds nothing.</summary>
public sealed class ImportRosterTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<ImportReport> Import(Stream file, ImportMode mode = ImportMode.AllOrNothing, bool dryRun = false) =>
        _db.SendAsync(new ImportRoster("431081", file, "roster.xlsx", mode, dryRun), Roles.Caseworker);

    private async Task<int> Households()
    {
        await using var context = _db.NewContext();
        return await context.Households.CountAsync();
    }

    [Fact]
    public async Task The_template_imports_as_it_is()
    {
        using var template = new MemoryStream();
        await _db.SendAsync(new WriteRosterTemplate(RosterBuilder.Bureau, template), Roles.Caseworker);
        template.Position = 0;

        var report = await Import(template);

        Assert.False(report.HasErrors, string.Join("\n", report.Errors));
        Assert.Equal((2, 1, 1, 2), (report.Rows, report.Households, report.HouseholdsWritten, report.PersonsWritten));
        await using var context = _db.NewContext();
        var wife = await context.Persons.SingleAsync(p => p.Name == "李秀英");
        var programmes = await context.Enrollments.Where(e => e.PersonId == wife.Id).Select(e => e.VariantCode).ToListAsync();
        Assert.Equal(["DISABILITY_LIVING", "DISABILITY_NURSING"], programmes.Order());
        Assert.Equal(DisabilityGrade.Two, wife.DisabilityGrade);
    }

    /// <summary>The probe imported a 10,000-character 姓名, 家庭住址 and 银行账号 with no error, and a formula as an account.</summary>
    [Fact]
    public async Task An_import_applies_the_form_s_limits_and_formats_to_every_field()
    {
        var file = new RosterFile()
            .Row("A", new string('名', Person.NameMaxLength + 1))
            .Row("B", "乙一", change: r => r[RosterTemplate.Address] = new string('址', Household.AddressMaxLength + 1))
            .Row("C", "丙一", change: r => r[RosterTemplate.BankAccount] = "=cmd|' /C calc'!A0")
            .Row("D", "丁一", change: r => r[RosterTemplate.BankAccount] = new string('6', Household.BankAccountMaxLength + 1));

        var report = await Import(file.ToStream());

        Assert.Equal(0, report.HouseholdsWritten);
        Assert.Contains(report.Errors, e => e.RowNumber == 2 && e.Column == RosterTemplate.Name && e.Message.Contains("30"));
        Assert.Contains(report.Errors, e => e.RowNumber == 3 && e.Column == RosterTemplate.Address && e.Message.Contains("100"));
        Assert.Contains(report.Errors, e => e.RowNumber == 4 && e.Column == RosterTemplate.BankAccount && e.Message.Contains("数字"));
        Assert.Contains(report.Errors, e => e.RowNumber == 5 && e.Column == RosterTemplate.BankAccount);
        Assert.Equal(0, await Households());

        // Ten thousand characters in one cell do not reach the field checks: the workbook is refused as a whole.
        var huge = new RosterFile().Row("A", new string('名', 10_000));
        var refused = await Assert.ThrowsAsync<CivilAffairs.Infrastructure.Excel.WorkbookLimitException>(() => Import(huge.ToStream()));
        Assert.Contains("超过 1,000 个字符", refused.Message);
    }

    [Fact]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_written_inert()
    {
        foreach (var formula in new[] { "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1" })
            Assert.StartsWith("'", CivilAffairs.Infrastructure.Excel.SpreadsheetText.Inert(formula.Replace("\\t", "\t")));
        Assert.Equal("张三", CivilAffairs.Infrastructure.Excel.SpreadsheetText.Inert("张三"));
        Assert.Equal(-12.5m, CivilAffairs.Infrastructure.Excel.SpreadsheetText.Inert((object?)(-12.5m)));

        using var list = new MemoryStream();
        new CivilAffairs.Infrastructure.Excel.ListWorkbook().Write(list, "名单", ["姓名", "金额"], [["=HYPERLINK(\"http://x\")", 1.5m]]);
        list.Position = 0;
        var row = (IDictionary<string, object?>)list.Query(useHeaderRow: true).Single();
        Assert.Equal("'=HYPERLINK(\"http://x\")", row["姓名"]);
    }

    [Fact]
    public async Task A_clean_file_is_written_once_and_a_reimport_adds_nothing()
    {
        var file = new RosterFile()
            .Row("A", "甲一").Row("A", "甲二", "配偶", RosterFile.NewId(1972, female: true))
            .Row("B", "乙一", change: r => r[RosterTemplate.Dibao] = "")
            .Row("C", "丙一");

        var first = await Import(file.ToStream());
        Assert.False(first.HasErrors, string.Join("\n", first.Errors));
        Assert.Equal((3, 4), (first.HouseholdsWritten, first.PersonsWritten));

        var again = await Import(file.ToStream());
        Assert.False(again.HasErrors, string.Join("\n", again.Errors));
        Assert.Equal((0, 3), (again.HouseholdsWritten, again.HouseholdsSkipped));
        Assert.Equal(3, await Households());
    }

    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "bad-check-character", RosterTemplate.IdNumber, "校验位" },
        { "duplicate-in-file", RosterTemplate.IdNumber, "与第 2 行重复" },
        { "unknown-area", RosterTemplate.Community, "不存在" },
        { "unknown-programme", RosterTemplate.Programmes, "未知的救助项目" },
        { "missing-name", RosterTemplate.Name, "请填写姓名" },
        { "bad-month", RosterTemplate.Month, "yyyy-MM" },
        { "nursing-grade-three", RosterTemplate.Programmes, "一级、二级" },
        { "two-heads", RosterTemplate.Relationship, "户主" },
        { "urban-dibao-rural-household", RosterTemplate.Dibao, "不符" },
        { "child-allowance-adult", RosterTemplate.Programmes, "18" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_file_with_one_kind_of_error_writes_nothing_and_names_the_row(string kind, string column, string message)
    {
        var file = new RosterFile().Row("OK", "正常户");
        var broken = kind switch
        {
            "bad-check-character" => file.Row("X", "错号", id: Flip(RosterFile.NewId())),
            "duplicate-in-file" => file.Row("X", "重号", id: file.IdOf(0)),
            "unknown-area" => file.Row("X", "无区", change: r => r[RosterTemplate.Community] = "不存在村"),
            "unknown-programme" => file.Row("X", "无项", change: r => r[RosterTemplate.Programmes] = "高温补贴"),
            "missing-name" => file.Row("X", ""),
            "bad-month" => file.Row("X", "错月", change: r => r[RosterTemplate.Month] = "三月"),
            "nursing-grade-three" => file.Row("X", "三级", change: r => { r[RosterTemplate.DisabilityGrade] = "三级"; r[RosterTemplate.DisabilityCategory] = "肢体"; r[RosterTemplate.Programmes] = "重度残疾人护理补贴"; }),
            "two-heads" => file.Row("X", "户主甲").Row("X", "户主乙"),
            "urban-dibao-rural-household" => file.Row("X", "城保", change: r => r[RosterTemplate.Dibao] = "城市低保 A类"),
            _ => file.Row("X", "成年", change: r => r[RosterTemplate.Programmes] = "孤儿 社会散居"),
        };

        var report = await Import(broken.ToStream());

        Assert.True(report.HasErrors);
        var error = report.Errors.First();
        Assert.True(error.RowNumber >= 3, $"{error}");
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
        Assert.False(report.Written);
        Assert.Equal(0, await Households());
    }

    [Fact]
    public async Task Each_imported_household_is_audited_masked_and_the_chain_still_verifies()
    {
        var file = new RosterFile().Row("A", "审计甲").Row("A", "审计乙", "配偶", RosterFile.NewId(1975, female: true));
        await Import(file.ToStream());

        await using var context = _db.NewContext();
        var record = await context.AuditRecords.Where(r => r.EntityType == nameof(Household)).SingleAsync();
        Assert.Equal(("caseworker", "导入花名册 roster.xlsx"), (record.UserName, record.Reason));
        Assert.Contains("审计乙", record.Changes);
        Assert.DoesNotContain(file.IdOf(1), record.Changes);
        Assert.Contains(file.IdOf(1)[^4..], record.Changes);
        Assert.True((await _db.SendAsync(new Domain.Features.Audit.VerifyAuditChain(), Roles.Admin)).IsIntact);
    }

    [Fact]
    public async Task Someone_already_on_the_roster_is_an_error_not_a_second_household()
    {
        var id = RosterFile.NewId();
        await Import(new RosterFile().Row("A", "先导入", id: id).ToStream());

        var report = await Import(new RosterFile().Row("Z", "另一户主").Row("Z", "重复的人", "子女", id).ToStream());

        Assert.Contains(report.Errors, e => e.RowNumber == 3 && e.Message.Contains("另一户"));
        Assert.Equal(1, await Households());
    }

    [Fact]
    public async Task Choosing_valid_rows_only_writes_the_good_households_and_reports_the_rest()
    {
        var report = await Import(new RosterFile().Row("A", "好户").Row("B", "坏户", id: Flip(RosterFile.NewId())).Row("C", "又一好户").ToStream(),
            ImportMode.ValidOnly);

        Assert.Single(report.Errors);
        Assert.Equal((2, 3), (report.HouseholdsWritten, report.Households));
        Assert.Equal(2, await Households());
    }

    [Fact]
    public async Task A_dry_run_checks_and_writes_nothing()
    {
        var report = await Import(new RosterFile().Row("A", "试算").ToStream(), dryRun: true);
        Assert.False(report.HasErrors);
        Assert.False(report.Written);
        Assert.Equal(0, await Households());
    }

    [Fact]
    public async Task The_error_workbook_repeats_the_rows_with_an_error_column()
    {
        var report = await Import(new RosterFile().Row("A", "好户").Row("B", "坏户", id: Flip(RosterFile.NewId())).ToStream());
        using var errors = new MemoryStream();
        await _db.Services.GetRequiredService<IRosterWorkbook>().WriteErrorsAsync(errors, report.RowsRead, report.Errors);
        errors.Position = 0;

        var rows = errors.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("", rows[0][RosterTemplate.Error]?.ToString() ?? "");
        Assert.Contains("第 3 行【身份证号】", rows[1][RosterTemplate.Error].ToString());
        Assert.Equal("坏户", rows[1][RosterTemplate.Name]);
    }

    [Fact]
    public async Task An_ID_number_saved_as_a_number_is_explained()
    {
        var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?>
        {
            [RosterTemplate.HouseholdKey] = "A", [RosterTemplate.Township] = "三都镇", [RosterTemplate.Community] = "流华湾村",
            [RosterTemplate.Address] = "x", [RosterTemplate.Residence] = "农村", [RosterTemplate.Month] = "2026-03",
            [RosterTemplate.Name] = "数字号", [RosterTemplate.IdNumber] = 431081197003030612d, [RosterTemplate.Relationship] = "户主",
        } });
        stream.Position = 0;

        var report = await Import(stream);
        Assert.Contains(report.Errors, e => e.Column == RosterTemplate.IdNumber && e.Message.Contains("文本格式"));
    }

    [Fact]
    public async Task The_command_line_writes_the_template_checks_and_imports_with_exit_codes()
    {
        var template = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        var broken = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        try
        {
            Assert.Equal(0, (await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "roster-template", "--out", template)).ExitCode);

            var dryRun = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "import-roster", "--file", template, "--dry-run");
            Assert.True(dryRun.ExitCode == 0, dryRun.Output);
            Assert.Equal(0, await Households());

            await File.WriteAllBytesAsync(broken, new RosterFile().Row("A", "好户").Row("B", "坏户", change: r => r[RosterTemplate.Month] = "十月").ToStream().ToArray());
            var refused = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "import-roster", "--file", broken);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("第 3 行【起始月份】", refused.Output);
            Assert.Equal(0, await Households());

            var imported = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "import-roster", "--file", template);
            Assert.True(imported.ExitCode == 0, imported.Output);
            Assert.Equal(1, await Households());
        }
        finally
        {
            File.Delete(template);
            File.Delete(broken);
        }
    }

    private static string Flip(string id) => id[..17] + (id[17] == '0' ? '1' : '0');
}
