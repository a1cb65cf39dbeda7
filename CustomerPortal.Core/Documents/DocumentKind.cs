using CustomerPortal.Core.Access;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Documents;

/// <summary>What the shared document path needs to know about estimates or invoices.</summary>
/// <param name="Noun">"estimate" or "invoice", for messages.</param>
/// <param name="IsSent">The documents a customer may see (not drafts), for LINQ to SQL.</param>
/// <param name="Changed">The live event other screens get after a document of this kind was saved.</param>
public sealed record DocumentKind<TDocument>(
    string Noun, string NumberPrefix, Operation View, Operation Manage, PortalModules Module, string ConflictMessage,
    Func<PortalDbContext, DbSet<TDocument>> Set, Expression<Func<TDocument, bool>> IsSent, Func<TDocument, LiveEvent> Changed)
    where TDocument : SalesDocument
{
    /// <summary>"Estimate" or "Invoice": the audit entity type and the start of messages.</summary>
    public string Title => char.ToUpperInvariant(Noun[0]) + Noun[1..];
}
