using CustomerPortal.Core.Company;
using CustomerPortal.Core.Documents;

namespace CustomerPortal.Web.Documents;

/// <summary>What a kind's editor needs from the shared new-document form: the draft, the company and the errors.</summary>
public sealed record DocumentEditorContext<TInput>(TInput Input, CompanySettings Company, IReadOnlyDictionary<string, string> Errors)
    where TInput : DocumentInput;
