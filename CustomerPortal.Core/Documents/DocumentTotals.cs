namespace CustomerPortal.Core.Documents;

/// <summary>
/// Totals of an estimate or invoice. Rounding rule: every money figure is rounded to cents, half away from zero.
/// Each line's amount is rounded; a document discount is shared across lines in proportion to their amounts (the
/// last line takes the rounding remainder so the parts add up); tax is computed per line on its discounted amount
/// and rounded per line.
/// </summary>
public sealed record DocumentTotals(decimal Subtotal, decimal Discount, decimal Tax, decimal Total)
{
    public static readonly DocumentTotals Zero = new(0, 0, 0, 0);

    public static decimal RoundMoney(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static DocumentTotals Calculate(IReadOnlyList<LineItem> lines, DiscountKind discountKind, decimal discountValue)
    {
        var amounts = lines.Select(l => l.Amount).ToArray();
        var subtotal = amounts.Sum();
        var discount = discountKind switch
        {
            DiscountKind.Percent => RoundMoney(subtotal * Math.Clamp(discountValue, 0, 100) / 100m),
            DiscountKind.Amount => Math.Clamp(RoundMoney(discountValue), 0, Math.Max(subtotal, 0)),
            _ => 0m,
        };

        var tax = 0m;
        var discountLeft = discount;
        for (var i = 0; i < lines.Count; i++)
        {
            var share = i == lines.Count - 1 || subtotal == 0
                ? discountLeft
                : RoundMoney(discount * amounts[i] / subtotal);
            discountLeft -= share;
            tax += RoundMoney((amounts[i] - share) * lines[i].TaxRatePercent / 100m);
        }

        return new DocumentTotals(subtotal, discount, tax, subtotal - discount + tax);
    }
}
