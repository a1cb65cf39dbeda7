using System.Globalization;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Tests.Documents;

public sealed class DocumentTotalsTests
{
    // Lines are written "quantity x unit price @ tax%" and separated by ";".
    [Theory]
    [InlineData("2 x 10.00 @ 0", "None", "0", "20.00", "0", "0", "20.00")]
    [InlineData("1 x 100 @ 8.25", "None", "0", "100.00", "0", "8.25", "108.25")]
    [InlineData("1 x 0.10 @ 5", "None", "0", "0.10", "0", "0.01", "0.11")]
    [InlineData("1 x 0.10 @ 5; 1 x 0.10 @ 5; 1 x 0.10 @ 5", "None", "0", "0.30", "0", "0.03", "0.33")]
    [InlineData("3 x 0.335 @ 0", "None", "0", "1.01", "0", "0", "1.01")]
    [InlineData("1.5 x 3.333 @ 0", "None", "0", "5.00", "0", "0", "5.00")]
    [InlineData("1 x -0.005 @ 0", "None", "0", "-0.01", "0", "0", "-0.01")]
    [InlineData("1 x 100 @ 10", "Percent", "10", "100.00", "10.00", "9.00", "99.00")]
    [InlineData("1 x 10.00 @ 0", "Percent", "33.33", "10.00", "3.33", "0", "6.67")]
    [InlineData("1 x 0.20 @ 0", "Percent", "12.5", "0.20", "0.03", "0", "0.17")]
    [InlineData("1 x 60 @ 0; 1 x 40 @ 10", "Amount", "15", "100.00", "15.00", "3.40", "88.40")]
    [InlineData("1 x 33.33 @ 20; 1 x 66.67 @ 0", "Percent", "50", "100.00", "50.00", "3.33", "53.33")]
    [InlineData("1 x 19.99 @ 0", "Amount", "5.005", "19.99", "5.01", "0", "14.98")]
    public void Calculate_FollowsTheRoundingRule(string lines, string discountKind, string discountValue,
        string subtotal, string discount, string tax, string total)
    {
        var totals = DocumentTotals.Calculate(Lines(lines), Enum.Parse<DiscountKind>(discountKind), D(discountValue));

        Assert.Equal(new DocumentTotals(D(subtotal), D(discount), D(tax), D(total)), totals);
    }

    [Theory]
    [InlineData("Amount", "500")]
    [InlineData("Amount", "100.01")]
    [InlineData("Percent", "150")]
    [InlineData("Percent", "100")]
    public void Calculate_DiscountBiggerThanSubtotal_IsCappedAtSubtotalAndTotalIsZero(string kind, string value)
    {
        var totals = DocumentTotals.Calculate(Lines("1 x 60 @ 20; 1 x 40 @ 10"), Enum.Parse<DiscountKind>(kind), D(value));

        Assert.Equal(new DocumentTotals(100m, 100m, 0m, 0m), totals);
    }

    [Theory]
    [InlineData("Amount", "-10")]
    [InlineData("Percent", "-5")]
    [InlineData("None", "25")]
    public void Calculate_NegativeOrUnusedDiscount_GivesNoDiscount(string kind, string value)
    {
        var totals = DocumentTotals.Calculate(Lines("1 x 100 @ 10"), Enum.Parse<DiscountKind>(kind), D(value));

        Assert.Equal(new DocumentTotals(100m, 0m, 10m, 110m), totals);
    }

    [Fact]
    public void Calculate_NoLines_IsZero()
    {
        Assert.Equal(DocumentTotals.Zero, DocumentTotals.Calculate(new List<LineItem>(), DiscountKind.Amount, 50m));
    }

    [Fact]
    public void Calculate_OnlyZeroAmountLines_IsZeroAndIgnoresDiscount()
    {
        var totals = DocumentTotals.Calculate(Lines("0 x 50 @ 10; 1 x 0 @ 20"), DiscountKind.Amount, 5m);

        Assert.Equal(DocumentTotals.Zero, totals);
    }

    [Fact]
    public void Calculate_NegativeSubtotal_GetsNoDiscount()
    {
        var totals = DocumentTotals.Calculate(Lines("1 x -50 @ 0"), DiscountKind.Percent, 10m);

        Assert.Equal(new DocumentTotals(-50m, 0m, 0m, -50m), totals);
    }

    [Fact]
    public void Calculate_SmallTaxedLastLine_GetsNoMoreThanItsShareOfTheDiscount()
    {
        // Rounding each share on its own gave the ten untaxed lines 0.10 and left the taxed line 0.05 of a 0.15
        // discount, although its proportional share is 0.0015; its tax then came out 0.03 instead of 0.05.
        var lines = string.Join("; ", Enumerable.Repeat("1 x 1.00 @ 0", 10)) + "; 1 x 0.10 @ 50";

        var totals = DocumentTotals.Calculate(Lines(lines), DiscountKind.Amount, 0.15m);

        Assert.Equal(new DocumentTotals(10.10m, 0.15m, 0.05m, 10.00m), totals);
    }

    [Theory]
    [InlineData("1.00;1.00;1.00;0.01", "0.05", "0.02;0.01;0.02;0")]
    [InlineData("10;20;30", "6", "1.00;2.00;3.00")]
    [InlineData("0.01;0.01;0.01", "0.02", "0.01;0;0.01")]
    [InlineData("0;5.00", "1.00", "0;1.00")]
    [InlineData("7", "0", "0")]
    public void ShareDiscount_SplitsInProportionAndAddsUp(string amounts, string discount, string expected)
    {
        var shares = DocumentTotals.ShareDiscount(Decimals(amounts), D(discount));

        Assert.Equal(Decimals(expected), shares);
    }

    [Fact]
    public void Calculate_RandomDocuments_KeepTheInvariantsOfTheRule()
    {
        var random = new Random(20261123);
        decimal[] taxRates = [0m, 5m, 7.125m, 8.25m, 10m, 20m, 100m];
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 25))
                .Select(i => new LineItem(i, $"Line {i}", RandomQuantity(random), random.Next(0, 500_001) / 100m, taxRates[random.Next(taxRates.Length)]))
                .ToList();
            var kind = (DiscountKind)random.Next(3);
            var value = kind == DiscountKind.Percent ? random.Next(0, 12_001) / 100m : random.Next(0, 2_000_001) / 1000m;

            var totals = DocumentTotals.Calculate(lines, kind, value);

            var amounts = lines.Select(l => l.Amount).ToArray();
            var shares = DocumentTotals.ShareDiscount(amounts, totals.Discount);
            var context = $"iteration {iteration}";
            Assert.True(totals.Subtotal == amounts.Sum(), context);
            Assert.True(totals.Discount >= 0 && totals.Discount <= totals.Subtotal, context);
            Assert.True(shares.Sum() == totals.Discount, context);
            Assert.True(shares.Zip(amounts).All(p => p.First >= 0 && p.First <= p.Second), context);
            Assert.True(totals.Total == totals.Subtotal - totals.Discount + totals.Tax, context);
            Assert.True(totals.Total >= 0, context);
            Assert.True(new[] { totals.Subtotal, totals.Discount, totals.Tax, totals.Total }.All(v => v == decimal.Round(v, 2)), context);

            var exactTax = lines.Sum(l => l.Amount * (1 - (totals.Subtotal == 0 ? 0 : totals.Discount / totals.Subtotal)) * l.TaxRatePercent / 100m);
            Assert.True(Math.Abs(totals.Tax - exactTax) <= 0.015m * Math.Max(lines.Count, 1), context);
        }
    }

    [Fact]
    public void LineItemInput_UsesTheSameAmountAndTotalsAsSavedLines()
    {
        var inputs = new List<LineItemInput>
        {
            new() { Description = "Labour", Quantity = 3, UnitPrice = 0.335m, TaxRatePercent = 10 },
            new() { Description = "Parts", Quantity = 1.5m, UnitPrice = 3.333m, TaxRatePercent = 5 },
        };
        var saved = inputs.Select((l, i) => new LineItem(i, l.Description, l.Quantity, l.UnitPrice, l.TaxRatePercent)).ToList();

        Assert.Equal(DocumentTotals.Calculate(saved, DiscountKind.Percent, 7m), DocumentTotals.Calculate(inputs, DiscountKind.Percent, 7m));
    }

    private static decimal RandomQuantity(Random random) => random.Next(5) switch
    {
        0 => 0m,
        1 => 0.5m,
        2 => 2.25m,
        3 => random.Next(1, 1000) / 8m,
        _ => random.Next(1, 101),
    };

    internal static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    private static decimal[] Decimals(string values) => values.Split(';').Select(D).ToArray();

    internal static List<LineItem> Lines(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((line, i) =>
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return new LineItem(i, $"Line {i + 1}", D(parts[0]), D(parts[2]), D(parts[4]));
            })
            .ToList();
}
