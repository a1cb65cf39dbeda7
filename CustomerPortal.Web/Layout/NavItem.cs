namespace CustomerPortal.Web.Layout;

/// <summary>One entry of a side menu.</summary>
public sealed record NavItem(string Title, string Href, string Icon, bool MatchAll = false);
