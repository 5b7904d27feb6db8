using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Reports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CivilAffairs.Infrastructure.Word;

/// <summary>
/// The summary as a Word document with the Open XML SDK (2.20, the version ClosedXML 0.95 needs): A4 portrait, the
/// title centred in 方正小标宋-like bold 22 pt, headings in 黑体, body in 仿宋 16 pt (三号) with a two-character first-line
/// indent and 28 pt line spacing, as official documents (公文, GB/T 9704) are set; Word falls back to installed fonts.
/// </summary>
public sealed class WorkSummaryDocument : IWorkSummaryDocument
{
    public void Write(string title, IReadOnlyList<SummaryParagraph> paragraphs, string footer, Stream output)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(title, "SimHei", 44, bold: true, centred: true));
            foreach (var p in paragraphs)
            {
                if (p.Heading.Length > 0) body.Append(Paragraph(p.Heading, "SimHei", 32, indent: true));
                foreach (var line in p.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    body.Append(Paragraph(line, "FangSong", 32, indent: true));
            }
            body.Append(Paragraph(footer, "FangSong", 24));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Paragraph Paragraph(string text, string font, int halfPoints, bool bold = false, bool centred = false, bool indent = false)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (centred) properties.Append(new Justification { Val = JustificationValues.Center });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200 });
        var run = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font }, new FontSize { Val = halfPoints.ToString() });
        if (bold) run.Append(new Bold());
        return new Paragraph(properties, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
