using System.Linq.Expressions;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Search;

/// <summary>
/// PostgreSQL's counterpart of SQLite's FTS5 trigram index: pg_trgm GIN indexes on the columns the staff search reads,
/// which answer <c>ILIKE '%term%'</c> without reading every row. Only in the PostgreSQL model (and its migrations).
/// </summary>
internal static class PostgreSqlSearchIndexes
{
    public static void Configure(ModelBuilder builder)
    {
        builder.HasPostgresExtension("pg_trgm");
        Trigram<Customer>(builder, c => c.SearchText, "IX_Customers_SearchText_Trigram");
        Trigram<Job>(builder, j => j.Number, "IX_Jobs_Number_Trigram");
        Trigram<Job>(builder, j => j.Title, "IX_Jobs_Title_Trigram");
        Trigram<Estimate>(builder, e => e.Number, "IX_Estimates_Number_Trigram");
        Trigram<Estimate>(builder, e => e.Title, "IX_Estimates_Title_Trigram");
        Trigram<Invoice>(builder, i => i.Number, "IX_Invoices_Number_Trigram");
        Trigram<Invoice>(builder, i => i.Title, "IX_Invoices_Title_Trigram");
        Trigram<Payment>(builder, p => p.Number, "IX_Payments_Number_Trigram");
    }

    // Named, so it sits beside a column's other index (a number's unique one) instead of replacing it.
    private static void Trigram<T>(ModelBuilder builder, Expression<Func<T, object?>> column, string name) where T : class =>
        builder.Entity<T>().HasIndex(column, name).HasMethod("gin").HasOperators("gin_trgm_ops");
}
