using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CustomerPortal.Core.Data;

/// <summary>
/// A compiled query (EF.CompileAsyncQuery) for each model it runs with. EF binds a compiled query to the first model it
/// runs on, and one process can hold two: the SQLite and the PostgreSQL model (the tests use both).
/// </summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();

    public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
