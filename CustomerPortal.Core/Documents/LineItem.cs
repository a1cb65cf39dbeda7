namespace CustomerPortal.Core.Documents;

/// <summary>One line of an estimate or an invoice. Amounts are in the company currency.</summary>
public sealed class LineItem
{
    public int Id { get; private set; }
    public int Position { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; } = 1;
    public decimal UnitPrice { get; private set; }

    /// <summary>Tax in percent, e.g. 8.25.</summary>
    public decimal TaxRatePercent { get; private set; }

    private LineItem() { }

    public LineItem(int position, string description, decimal quantity, decimal unitPrice, decimal taxRatePercent)
    {
        Position = position;
        Description = description;
        Quantity = quantity;
        UnitPrice = unitPrice;
        TaxRatePercent = taxRatePercent;
    }

    /// <summary>Quantity times unit price, rounded to cents.</summary>
    public decimal Amount => DocumentTotals.RoundMoney(Quantity * UnitPrice);
}
