using System.Diagnostics;

namespace CustomerPortal.Tests.Documents;

/// <summary>Reads PDFs with poppler's command-line tools (pdftotext, pdfimages), the way a person's viewer would.</summary>
public static class PdfTools
{
    /// <summary>The text of the whole document, or of one page (1-based).</summary>
    public static string Text(byte[] pdf, int? page = null)
    {
        List<string> args = page is { } p ? ["-f", p.ToString(), "-l", p.ToString()] : [];
        return Run("pdftotext", pdf, [.. args, "{file}", "-"]);
    }

    /// <summary>Text per page (pdftotext separates pages with a form feed).</summary>
    public static string[] Pages(byte[] pdf) => Text(pdf).Split('\f').SkipLast(1).ToArray();

    /// <summary>The rows of "pdfimages -list" (one per embedded image).</summary>
    public static string[] Images(byte[] pdf) =>
        Run("pdfimages", pdf, ["-list", "{file}"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();

    /// <summary>
    /// The text without the bidi embedding marks pdftotext puts around right-to-left lines and the left-to-right pieces
    /// inside them (U+202A-U+202E): what is left is each line in reading order.
    /// </summary>
    public static string WithoutBidiMarks(string text) =>
        new(text.Where(c => c is < '\u202A' or > '\u202E').ToArray());

    /// <summary>The rows of "pdffonts" (one per font the PDF uses).</summary>
    public static string[] Fonts(byte[] pdf) =>
        Run("pdffonts", pdf, ["{file}"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();

    public static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Run(string tool, byte[] pdf, IEnumerable<string> args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cp-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo($"/usr/bin/{tool}") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg == "{file}" ? file : arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {error.Result}");
            return output.Result;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
