using CustomerPortal.Core.Documents;

namespace CustomerPortal.Web.Links;

/// <summary>The words for where a deep link leads, for its button: "Continue to your invoice".</summary>
public static class DeepLinkTargets
{
    public static string ContinueText(string target)
    {
        if (target.StartsWith(PortalPaths.AddCard, StringComparison.Ordinal)) return "Continue to add a card";
        var segments = target.Split('?', 2)[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var place = segments switch
        {
            [_, "invoices", _] => "your invoice",
            [_, "invoices"] => "your invoices",
            [_, "estimates", _] => "your estimate",
            [_, "estimates"] => "your estimates",
            [_, "payments", _] => "your receipt",
            [_, "messages", _] => "the conversation",
            [_, "messages"] => "your messages",
            [_, "jobs", _] => "your job",
            [_, "projects", _] => "your project",
            [_, "requests", ..] => "your requests",
            [_, "rate-us"] => "the review page",
            [_, "profile"] => "your profile",
            _ => "your portal",
        };
        return $"Continue to {place}";
    }
}
