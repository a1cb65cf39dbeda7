namespace CustomerPortal.Core.Documents;

/// <summary>A line of an estimate or invoice as the editor holds it before it is saved.</summary>
public sealed class LineItemInput
{
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; }

    /// <summary>Tax in percent, e.g. 8.25.</summary>
    public decimal TaxRatePercent { get; set; }

    /// <summary>Quantity times unit price, rounded to cents (the same rule as <see cref="LineItem.Amount"/>).</summary>
    public decimal Amount => DocumentTotals.RoundMoney(Quantity * UnitPrice);

    public static LineItemInput From(LineItem line) => new()
    {
        Description = line.Description,
        Quantity = line.Quantity,
        UnitPrice = line.UnitPrice,
        TaxRatePercent = line.TaxRatePercent,
    };
}
