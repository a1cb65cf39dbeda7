namespace CustomerPortal.Core.Documents;

public enum DocumentSort
{
    Date,
    Number,
    Customer,
    Total,
    DueDate,
}

/// <summary>One line as a document shows it.</summary>
public sealed record DocumentLine(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRatePercent, decimal Amount)
{
    public static DocumentLine From(LineItem line) => new(line.Description, line.Quantity, line.UnitPrice, line.TaxRatePercent, line.Amount);
}
