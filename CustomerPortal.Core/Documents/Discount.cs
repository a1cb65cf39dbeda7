namespace CustomerPortal.Core.Documents;

public enum DiscountKind
{
    None,
    Percent,
    Amount,
}
