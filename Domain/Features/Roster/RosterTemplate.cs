using RosterModel = CivilAffairs.Domain.Roster;
using ResidenceKind = CivilAffairs.Domain.Programmes.Residence;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>
/// The roster workbook as bureaus keep it: one row per person, Chinese headers, members of a household sharing its
/// 户编号. The template, the import and the error workbook all use these columns.
/// </summary>
public static class RosterTemplate
{
    public const string HouseholdKey = "户编号";
    public const string Township = "街道/乡镇";
    public const string Community = "社区/村";
    public const string Address = "家庭住址";
    public const string Residence = "户籍性质";
    public const string Dibao = "低保档次";
    public const string Month = "起始月份";
    public const string BankAccount = "银行账号";
    public const string Name = "姓名";
    public const string IdNumber = "身份证号";
    public const string Relationship = "与户主关系";
    public const string DisabilityCategory = "残疾类别";
    public const string DisabilityGrade = "残疾等级";
    public const string Programmes = "个人救助项目";
    public const string Error = "错误";

    public static IReadOnlyList<string> Columns { get; } =
        [HouseholdKey, Township, Community, Address, Residence, Dibao, Month, BankAccount, Name, IdNumber, Relationship,
         DisabilityCategory, DisabilityGrade, Programmes];

    /// <summary>
    /// The example rows of the template: a rural dibao household of two, the wife severely disabled, from
    /// <paramref name="month"/> (the next open payment month, so the example imports as it is).
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ExampleRows(YearMonth month) =>
    [
        Row("H0001", "三都镇", "流华湾村", "3 组 12 号", "农村", "农村低保 A类", month.ToString(), "6217995550001234561", "张建国", "431081196204080310", "户主", "", "", ""),
        Row("H0001", "三都镇", "流华湾村", "3 组 12 号", "农村", "农村低保 A类", month.ToString(), "6217995550001234561", "李秀英", "431081196410010321", "配偶", "肢体", "二级", "重度残疾人护理补贴；困难残疾人生活补贴"),
    ];

    private static Dictionary<string, string> Row(params string[] values) =>
        Columns.Zip(values).ToDictionary(p => p.First, p => p.Second);

    public static readonly IReadOnlyDictionary<string, ResidenceKind> Residences = new Dictionary<string, ResidenceKind> { ["城市"] = ResidenceKind.Urban, ["农村"] = ResidenceKind.Rural };
    public static readonly IReadOnlyDictionary<string, RosterModel.Relationship> Relationships = new Dictionary<string, RosterModel.Relationship>
    {
        ["户主"] = RosterModel.Relationship.Head, ["配偶"] = RosterModel.Relationship.Spouse, ["子女"] = RosterModel.Relationship.Child, ["父母"] = RosterModel.Relationship.Parent,
        ["孙子女"] = RosterModel.Relationship.Grandchild, ["兄弟姐妹"] = RosterModel.Relationship.Sibling, ["其他"] = RosterModel.Relationship.Other,
    };
    public static readonly IReadOnlyDictionary<string, RosterModel.DisabilityGrade> Grades = new Dictionary<string, RosterModel.DisabilityGrade>
    {
        ["一级"] = RosterModel.DisabilityGrade.One, ["二级"] = RosterModel.DisabilityGrade.Two, ["三级"] = RosterModel.DisabilityGrade.Three, ["四级"] = RosterModel.DisabilityGrade.Four,
    };
    public static readonly IReadOnlyDictionary<string, RosterModel.DisabilityCategory> Categories = new Dictionary<string, RosterModel.DisabilityCategory>
    {
        ["视力"] = RosterModel.DisabilityCategory.Visual, ["听力"] = RosterModel.DisabilityCategory.Hearing, ["言语"] = RosterModel.DisabilityCategory.Speech,
        ["肢体"] = RosterModel.DisabilityCategory.Physical, ["智力"] = RosterModel.DisabilityCategory.Intellectual, ["精神"] = RosterModel.DisabilityCategory.Mental,
        ["多重"] = RosterModel.DisabilityCategory.Multiple,
    };
}

/// <summary>One data row of an uploaded workbook: its row number in the sheet and its cells by header.</summary>
public sealed record RosterImportRow(int RowNumber, IReadOnlyDictionary<string, string?> Values)
{
    /// <summary>Columns whose cell was a number in Excel: an 18-digit ID number stored as a number has lost its last digits.</summary>
    public IReadOnlySet<string> NumericColumns { get; init; } = new HashSet<string>();

    public string Get(string column) => Values.TryGetValue(column, out var value) ? value?.Trim() ?? "" : "";
}

/// <summary>A problem with one cell (or row) of the workbook.</summary>
public sealed record ImportError(int RowNumber, string Column, string Message);

/// <summary>Reads and writes roster workbooks (Infrastructure implements it with a streaming reader).</summary>
public interface IRosterWorkbook
{
    IAsyncEnumerable<RosterImportRow> ReadAsync(Stream workbook, CancellationToken ct = default);
    Task WriteTemplateAsync(Stream destination, YearMonth exampleMonth, CancellationToken ct = default);
    /// <summary>The uploaded rows again, with an error column, for staff to correct and upload anew.</summary>
    Task WriteErrorsAsync(Stream destination, IReadOnlyList<RosterImportRow> rows, IReadOnlyList<ImportError> errors, CancellationToken ct = default);
}

/// <summary>The import template (roster-template, the import page's download): headers and an example household.</summary>
[Security.RequiresPermission(Security.Permission.EditRoster)]
public sealed record WriteRosterTemplate(string JurisdictionCode, Stream Output) : Mediator.IRequest<Mediator.Unit>;

/// <summary>Writes the template through the workbook writer, its example dated the next open payment month.</summary>
public sealed class WriteRosterTemplateHandler(IRosterWorkbook workbooks, IDataSessionFactory data, IClock clock)
    : Mediator.IRequestHandler<WriteRosterTemplate, Mediator.Unit>
{
    public async ValueTask<Mediator.Unit> Handle(WriteRosterTemplate request, CancellationToken ct)
    {
        YearMonth month;
        await using (var session = await data.OpenAsync(ct))
            month = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) is { } j
                ? await session.NextOpenMonthAsync(j, clock, ct) : clock.CurrentMonth;
        await workbooks.WriteTemplateAsync(request.Output, month, ct);
        return Mediator.Unit.Value;
    }
}
