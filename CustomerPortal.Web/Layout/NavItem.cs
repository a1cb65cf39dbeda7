namespace CustomerPortal.Web.Layout;

/// <summary>One entry of a side menu.</summary>
/// <param name="BadgeNoun">What the entry's count counts, for screen readers ("3 unread").</param>
public sealed record NavItem(string Title, string Href, string Icon, bool MatchAll = false, string BadgeNoun = "unread");
