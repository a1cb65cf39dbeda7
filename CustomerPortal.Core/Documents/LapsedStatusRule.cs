using System.Linq.Expressions;

namespace CustomerPortal.Core.Documents;

/// <summary>
/// A document whose stored status lags behind the calendar (nothing runs at midnight): one expression over a few facts
/// of the document says when it has lapsed (an invoice is overdue, an estimate expired). The same expression is compiled
/// for code and rewritten over the entity for LINQ to SQL, so a list filter and a page can never disagree. The facts
/// type's members carry the same names as the entity's, and the stored status is the entity's <c>Status</c>.
/// </summary>
public sealed class LapsedStatusRule<TDocument, TStatus, TFacts>(Expression<Func<TFacts, DateOnly, bool>> lapsed, TStatus lapsedStatus)
    where TStatus : struct, Enum
{
    private readonly Func<TFacts, DateOnly, bool> _compiled = lapsed.Compile();

    public bool HasLapsed(TFacts facts, DateOnly today) => _compiled(facts, today);

    /// <summary>"Has lapsed today" as a predicate EF Core translates to SQL.</summary>
    public Expression<Func<TDocument, bool>> HasLapsedOn(DateOnly today)
    {
        var document = Expression.Parameter(typeof(TDocument), "d");
        var body = new OverDocument(lapsed.Parameters[0], document, lapsed.Parameters[1], today).Visit(lapsed.Body);
        return Expression.Lambda<Func<TDocument, bool>>(body, document);
    }

    /// <summary>"Shows this status today" as a predicate EF Core translates to SQL.</summary>
    public Expression<Func<TDocument, bool>> ShowsOn(TStatus status, DateOnly today) =>
        EqualityComparer<TStatus>.Default.Equals(status, lapsedStatus) ? HasLapsedOn(today) : WhereStoredAndNotLapsed(today, status);

    /// <summary>Stored as one of <paramref name="statuses"/> and not lapsed today, as a predicate EF Core translates to SQL.</summary>
    public Expression<Func<TDocument, bool>> WhereStoredAndNotLapsed(DateOnly today, params TStatus[] statuses)
    {
        var hasLapsed = HasLapsedOn(today);
        var document = hasLapsed.Parameters[0];
        var stored = Expression.Property(document, "Status");
        var anyOf = statuses.Select(s => (Expression)Expression.Equal(stored, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<TDocument, bool>>(Expression.AndAlso(anyOf, Expression.Not(hasLapsed.Body)), document);
    }

    /// <summary>Reads each fact from the entity's member of the same name, and today as a constant.</summary>
    private sealed class OverDocument(ParameterExpression facts, ParameterExpression document, ParameterExpression todayParameter, DateOnly today)
        : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == facts ? Expression.Property(document, node.Member.Name) : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == todayParameter ? Expression.Constant(today) : base.VisitParameter(node);
    }
}
