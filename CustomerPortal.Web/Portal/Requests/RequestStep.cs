namespace CustomerPortal.Web.Portal.Requests;

/// <summary>The steps of the request form, in order; a direct work order skips <see cref="Contact"/>.</summary>
public enum RequestStep
{
    What,
    Where,
    When,
    Photos,
    Contact,
    Summary,
}
