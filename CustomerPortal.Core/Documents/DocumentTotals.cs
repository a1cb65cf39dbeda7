namespace CustomerPortal.Core.Documents;

/// <summary>
/// Totals of an estimate or invoice. Rounding rule: every money figure is rounded to cents, half away from zero.
/// Each line's amount is rounded; a document discount (never more than the subtotal) is shared across lines in
/// proportion to their amounts, rounding the running total so the shares add up to the discount exactly; tax is
/// computed per line on its discounted amount and rounded per line; the total is subtotal - discount + tax.
/// </summary>
public sealed record DocumentTotals(decimal Subtotal, decimal Discount, decimal Tax, decimal Total)
{
    public static readonly DocumentTotals Zero = new(0, 0, 0, 0);

    public static decimal RoundMoney(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static DocumentTotals Calculate(IReadOnlyList<LineItem> lines, DiscountKind discountKind, decimal discountValue) =>
        Calculate(lines.Select(l => (l.Amount, l.TaxRatePercent)).ToArray(), discountKind, discountValue);

    /// <summary>Totals of lines still being edited (the editor shows these before anything is saved).</summary>
    public static DocumentTotals Calculate(IReadOnlyList<LineItemInput> lines, DiscountKind discountKind, decimal discountValue) =>
        Calculate(lines.Select(l => (l.Amount, l.TaxRatePercent)).ToArray(), discountKind, discountValue);

    private static DocumentTotals Calculate((decimal Amount, decimal TaxRatePercent)[] lines, DiscountKind discountKind, decimal discountValue)
    {
        var amounts = lines.Select(l => l.Amount).ToArray();
        var subtotal = amounts.Sum();
        var discountable = Math.Max(subtotal, 0);
        var discount = discountKind switch
        {
            DiscountKind.Percent => RoundMoney(discountable * Math.Clamp(discountValue, 0, 100) / 100m),
            DiscountKind.Amount => Math.Clamp(RoundMoney(discountValue), 0, discountable),
            _ => 0m,
        };

        var shares = ShareDiscount(amounts, discount);
        var tax = 0m;
        for (var i = 0; i < lines.Length; i++)
            tax += RoundMoney((amounts[i] - shares[i]) * lines[i].TaxRatePercent / 100m);

        return new DocumentTotals(subtotal, discount, tax, subtotal - discount + tax);
    }

    /// <summary>
    /// Splits a discount over line amounts in proportion to them. The running total is rounded rather than each share,
    /// so the shares add up to the discount exactly and, for lines that are not negative, each share lies between zero
    /// and its line's amount (rounding each share on its own can leave the last line a negative share).
    /// </summary>
    public static decimal[] ShareDiscount(IReadOnlyList<decimal> amounts, decimal discount)
    {
        var shares = new decimal[amounts.Count];
        if (amounts.Count == 0 || discount == 0) return shares;
        var subtotal = amounts.Sum();
        if (subtotal <= 0)
        {
            shares[^1] = discount;
            return shares;
        }

        var running = 0m;
        var givenSoFar = 0m;
        for (var i = 0; i < amounts.Count; i++)
        {
            running += amounts[i];
            var givenUpToHere = i == amounts.Count - 1 ? discount : RoundMoney(discount * running / subtotal);
            shares[i] = givenUpToHere - givenSoFar;
            givenSoFar = givenUpToHere;
        }
        return shares;
    }
}
