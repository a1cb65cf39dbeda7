using CustomerPortal.Core.Payments;

namespace CustomerPortal.Web.Payments;

public static class CardText
{
    /// <summary>"Visa ending 4242, expires 12/2030 (default)".</summary>
    public static string Describe(CardOnFile card) =>
        $"{card.Brand} ending {card.Last4}, expires {card.ExpMonth:00}/{card.ExpYear}{(card.IsDefault ? " (default)" : "")}";
}
