namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>A name and the lines under it (address, phone, e-mail).</summary>
public sealed record PdfParty(string Name, IReadOnlyList<string> Lines);

/// <param name="Width">Width in points; 0 for the one column that takes the rest of the row (it wraps).</param>
public sealed record PdfColumn(string Header, float Width, bool AlignRight);

public sealed record PdfLabelValue(string Label, string Value);

/// <param name="Emphasis">Bold with a rule above (Total, Amount due).</param>
public sealed record PdfTotalRow(string Label, string Value, bool Emphasis = false);

public sealed record PdfSignature(string Heading, IReadOnlyList<PdfLabelValue> Rows);

public sealed record PdfNote(string Heading, string Text);

/// <summary>
/// Everything a document PDF shows, already formatted as text. The renderer draws these strings as text and nothing
/// else: no markup in them is ever interpreted.
/// </summary>
public sealed record PdfDocumentModel
{
    /// <summary>"Estimate", "Invoice", "Receipt".</summary>
    public required string Title { get; init; }
    public required string Number { get; init; }
    public required PdfParty Company { get; init; }

    /// <summary>PNG or JPEG bytes, or null.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>#RRGGBB.</summary>
    public string AccentColor { get; init; } = "#1565C0";

    /// <summary>"Prepared for", "Bill to", "Received from".</summary>
    public required string CustomerLabel { get; init; }
    public required PdfParty Customer { get; init; }
    public IReadOnlyList<PdfLabelValue> Meta { get; init; } = [];

    /// <summary>The document's own title, e.g. "Replace water heater".</summary>
    public string Heading { get; init; } = "";
    public required IReadOnlyList<PdfColumn> Columns { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }
    public string EmptyTableText { get; init; } = "No items.";
    public IReadOnlyList<PdfTotalRow> Totals { get; init; } = [];
    public PdfSignature? Signature { get; init; }
    public IReadOnlyList<PdfNote> Notes { get; init; } = [];

    /// <summary>Absolute address of the document in the portal, printed on every page so a reader can check it is genuine.</summary>
    public required string VerifyUrl { get; init; }

    /// <summary>Large faint word across each page ("DRAFT", "VOID"), or empty.</summary>
    public string Watermark { get; init; } = "";

    /// <summary>Letter for North America, A4 elsewhere.</summary>
    public bool UseLetterSize { get; init; } = true;
}
