namespace CustomerPortal.Tests.Support;

public static class Redirects
{
    /// <summary>The path of a redirect's Location, whether the server sent it absolute or relative, without the query.</summary>
    public static string? LocationPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null) return null;
        var text = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? text : text[..query];
    }
}
