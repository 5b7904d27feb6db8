using System.Globalization;
using System.Text.RegularExpressions;
using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Monitoring;

/// <summary>What a department's record says of a person (动态监测: 公安、卫健、人社、医保、住建、市场监管、残联 …).</summary>
public enum RecordKind
{
    /// <summary>死亡、火化 (卫健/殡葬).</summary>
    Death = 1,
    /// <summary>户籍注销、迁出本县 (公安).</summary>
    RegistrationCancelled = 2,
    /// <summary>养老金、工资高于阈值 (人社).</summary>
    Pension = 3,
    /// <summary>车辆 (公安交管).</summary>
    Vehicle = 4,
    /// <summary>工商登记 (市场监管).</summary>
    Business = 5,
    /// <summary>不动产 (住建/自然资源).</summary>
    Property = 6,
    /// <summary>服刑 (司法).</summary>
    Imprisonment = 7,
    /// <summary>残疾人证 类别和等级 (残联).</summary>
    Disability = 8,
}

/// <summary>How urgent a warning is: red holds payment until verified, yellow and blue are verified in time.</summary>
public enum WarningSeverity { Red = 1, Yellow = 2, Blue = 3 }

/// <summary>
/// A department's file as the bureau receives it: its name, the department, what its records say, and which of its
/// columns hold the ID number, the name, the date, an amount and a detail. Configuration (<c>Monitoring:Sources</c>), not
/// code: a new department's file needs no release.
/// </summary>
public sealed class RecordSource
{
    public string Name { get; set; } = "";
    public string Department { get; set; } = "";
    public RecordKind Kind { get; set; }
    public string IdNumberColumn { get; set; } = "身份证号";
    public string NameColumn { get; set; } = "姓名";
    public string? DateColumn { get; set; }
    public string? AmountColumn { get; set; }
    public string? DetailColumn { get; set; }
    /// <summary>For income records (养老金、工资): amounts below this do not raise a warning (yuan a month).</summary>
    public decimal? MinimumAmount { get; set; }
}

/// <summary>The sources the bureau receives (configuration <c>Monitoring</c>); the product ships the death records'.</summary>
public sealed class MonitoringOptions
{
    public List<RecordSource> Sources { get; set; } =
    [
        new() { Name = "death", Department = "殡葬记录", Kind = RecordKind.Death, DateColumn = "死亡日期" },
        new() { Name = "cancellation", Department = "公安户籍", Kind = RecordKind.RegistrationCancelled, DateColumn = "注销日期", DetailColumn = "注销原因" },
        new() { Name = "pension", Department = "人社", Kind = RecordKind.Pension, DateColumn = "发放日期", AmountColumn = "月金额", MinimumAmount = 1_500m },
        new() { Name = "vehicle", Department = "公安交管", Kind = RecordKind.Vehicle, DateColumn = "登记日期", DetailColumn = "号牌号码" },
        new() { Name = "business", Department = "市场监管", Kind = RecordKind.Business, DateColumn = "成立日期", DetailColumn = "名称" },
        new() { Name = "property", Department = "不动产登记", Kind = RecordKind.Property, DateColumn = "登记日期", DetailColumn = "坐落" },
        new() { Name = "prison", Department = "司法", Kind = RecordKind.Imprisonment, DateColumn = "入监日期" },
        new() { Name = "disability", Department = "残联", Kind = RecordKind.Disability, DateColumn = "发证日期", DetailColumn = "残疾类别等级" },
    ];

    /// <summary>Days a township has to verify a warning.</summary>
    public int DueDays { get; set; } = 15;

    public RecordSource? Find(string name) => Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A date as departments write it: an Excel date, 2023-06-12, 2023/6/12, 20230612 or 2023年6月12日.</summary>
public static partial class RecordDate
{
    public static DateOnly? Parse(object? value) => value switch
    {
        null => null,
        DateTime d => DateOnly.FromDateTime(d),
        DateOnly d => d,
        double serial when serial is > 0 and < 100_000 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        _ => ParseText(Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? ""),
    };

    private static DateOnly? ParseText(string text)
    {
        if (text.Length == 0) return null;
        if (Chinese().Match(text) is { Success: true } m)
            return TryDate(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        foreach (var format in new[] { "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy.M.d" })
            if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) ? DateOnly.FromDateTime(dt) : null;
    }

    private static DateOnly? TryDate(int y, int m, int d) => m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

    [GeneratedRegex(@"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")]
    private static partial Regex Chinese();
}

/// <summary>One import of a department's file: kept with who, when, the file's hash and what it found.</summary>
public sealed class RecordImport
{
    private RecordImport() { }

    public RecordImport(int jurisdictionId, string source, string fileName, string sha256, DateTime atUtc, string by)
    {
        JurisdictionId = jurisdictionId;
        Source = source;
        FileName = fileName;
        Sha256 = sha256;
        ImportedAtUtc = atUtc;
        ImportedBy = by;
    }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public string Source { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public int RowsRead { get; private set; }
    public int Matched { get; private set; }
    public int Unmatched { get; private set; }
    public int Invalid { get; private set; }
    public int AlreadyImported { get; private set; }
    public int WarningsRaised { get; private set; }
    public DateTime ImportedAtUtc { get; private set; }
    public string ImportedBy { get; private set; } = "";

    public void Count(int rows, int matched, int unmatched, int invalid, int already, int warnings) =>
        (RowsRead, Matched, Unmatched, Invalid, AlreadyImported, WarningsRaised) = (rows, matched, unmatched, invalid, already, warnings);
}

/// <summary>One row of a department's file, kept once (<see cref="RowKey"/>): a row imported again is not matched twice.</summary>
public sealed class ExternalRecord
{
    private ExternalRecord() { }

    public ExternalRecord(RecordImport import, string source, string rowKey, string idNumber, string name, DateOnly? date, decimal? amount, string? detail)
    {
        Import = import;
        Source = source;
        RowKey = rowKey;
        IdNumber = idNumber;
        Name = name;
        Date = date;
        Amount = amount;
        Detail = detail;
    }

    public long Id { get; private set; }
    public int ImportId { get; private set; }
    public RecordImport? Import { get; private set; }
    public string Source { get; private set; } = "";
    /// <summary>SHA-256 of the source and the row's meaning (ID number, date, amount, detail).</summary>
    public string RowKey { get; private set; } = "";
    [Sensitive] public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateOnly? Date { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Detail { get; private set; }

    public static string KeyOf(string source, string idNumber, DateOnly? date, decimal? amount, string? detail) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join("|", source.ToLowerInvariant(), idNumber, date?.ToString("yyyy-MM-dd") ?? "", amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                detail ?? ""))));
}
