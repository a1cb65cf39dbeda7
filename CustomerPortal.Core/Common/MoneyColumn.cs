using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerPortal.Core.Common;

/// <summary>
/// Stores a decimal as a whole count of ten-thousandths, so SQLite can sort, compare and sum it in SQL
/// (EF Core's SQLite provider keeps decimals as text). Four places fit every currency's minor unit.
/// </summary>
public sealed class MoneyColumn() : ValueConverter<decimal, long>(
    value => (long)decimal.Round(value * Scale, 0, MidpointRounding.AwayFromZero),
    stored => stored / Scale)
{
    public const decimal Scale = 10_000m;
}
