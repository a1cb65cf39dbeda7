using CustomerPortal.Core.Documents;

namespace CustomerPortal.Web.Documents;

/// <summary>An edited copy of the line at <see cref="Index"/>.</summary>
public sealed record LineItemEdit(int Index, LineItemInput Line);
