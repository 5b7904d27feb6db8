namespace CivilAffairs.Infrastructure.Excel;

/// <summary>
/// The paper and scale a sheet prints at, from its column widths: A4 landscape when it fits at 80 % or more, else A3
/// landscape (the bureau's forms with many columns are printed on A3). Widths are Excel's character units: a column of
/// width w is 7w + 5 pixels of Calibri 11 at 96 dpi.
/// </summary>
public static class PrintFit
{
    /// <summary>The paper sizes the forms print on.</summary>
    public enum Paper { A4, A3 }

    public const double MarginInches = 0.4;
    public const int MinimumScale = 80;

    private const double A4LandscapeMm = 297, A3LandscapeMm = 420, MmPerInch = 25.4;

    public static double WidthMm(IEnumerable<double> widths) => widths.Sum(w => 7 * w + 5) * MmPerInch / 96;

    public static (Paper Paper, int Scale) For(IEnumerable<double> widths)
    {
        var needed = WidthMm(widths);
        int ScaleOn(double paperMm) => (int)Math.Min(100, Math.Floor((paperMm - 2 * MarginInches * MmPerInch) / needed * 100));
        var a4 = ScaleOn(A4LandscapeMm);
        return a4 >= MinimumScale ? (Paper.A4, a4) : (Paper.A3, Math.Max(ScaleOn(A3LandscapeMm), 10));
    }
}
