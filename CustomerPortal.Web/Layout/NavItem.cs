namespace CustomerPortal.Web.Layout;

/// <summary>One entry of a side menu; <see cref="Unread"/> above zero shows as a count beside it.</summary>
public sealed record NavItem(string Title, string Href, string Icon, bool MatchAll = false, int Unread = 0);
