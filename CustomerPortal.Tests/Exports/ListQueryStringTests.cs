using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;
using CustomerPortal.Web.Staff.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerPortal.Tests.Exports;

/// <summary>The one mapping between a list's query and the export link: what a page writes, the endpoint reads back the same (paging aside).</summary>
public sealed class ListQueryStringTests
{
    [Fact]
    public void EveryListsQuery_SurvivesTheLink_WithoutItsPaging()
    {
        RoundTrip(new CustomerListQuery("o'brien & sons", CustomerSort.Email, true, 4, 50, IncludeArchived: true), q => q with { Page = 0, PageSize = 25 });
        RoundTrip(new InvoiceListQuery
        {
            Status = InvoiceStatus.Overdue, UnpaidOnly = true, From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 12, 31), CustomerId = 42,
            Search = "boiler #2", Sort = DocumentSort.DueDate, Descending = false, Page = 3, PageSize = 100,
        }, q => q with { Page = 0, PageSize = 25 });
        RoundTrip(new EstimateListQuery { Status = EstimateStatus.Expired, AwaitingAnswer = true, Sort = DocumentSort.Customer, Page = 2 }, q => q with { Page = 0 });
        RoundTrip(new JobListQuery { Status = JobStatus.OnHold, OpenOnly = true, DateBasis = JobDateBasis.Created, ProjectId = 7, From = new DateOnly(2026, 3, 1), Page = new(5, 10) },
            q => q with { Page = new() });
        RoundTrip(new ProjectListQuery { Status = ProjectStatus.InProgress, CustomerId = 3, Search = "kitchen", Page = new(1, 10) }, q => q with { Page = new() });
        RoundTrip(new PaymentListQuery { Method = PaymentMethod.Check, NeedsReviewOnly = true, To = new DateOnly(2026, 2, 28), Page = new(1, 10) }, q => q with { Page = new() });
        RoundTrip(new RequestListQuery { Filter = RequestListFilter.Declined, Search = "roof", Page = new(1, 10) }, q => q with { Page = new() });
        RoundTrip(new ReviewFilter(NeedsFollowUp: false, Rating: 2, JobId: 9, CustomerId: 4), q => q);
    }

    [Fact]
    public void DefaultQuery_GivesABareLink()
    {
        Assert.Equal("/staff/export/requests.csv", StaffExports.Href(new RequestListQuery()));
        Assert.Equal("/staff/export/customers.csv?search=ann", StaffExports.Href(new CustomerListQuery("ann", Page: 2)));
        Assert.Equal("/staff/export/invoices.csv?status=Overdue&descending=false", StaffExports.Href(new InvoiceListQuery { Status = InvoiceStatus.Overdue, Descending = false }));
    }

    [Theory]
    [InlineData("status=Bogus")]
    [InlineData("status=3")]
    [InlineData("status=Sent,Paid")]
    [InlineData("customerId=abc")]
    [InlineData("from=2026-13-01")]
    [InlineData("unpaidOnly=yes")]
    [InlineData("search=a&search=b")]
    public void UnreadableValue_IsRefused(string parameters)
    {
        Assert.False(ListQueryString.TryParse<InvoiceListQuery>(Query("?" + parameters), out _));
    }

    private static void RoundTrip<TQuery>(TQuery query, Func<TQuery, TQuery> withoutPaging) where TQuery : class
    {
        var link = StaffExports.Href(query);
        Assert.StartsWith("/staff/export/", link);
        Assert.True(ListQueryString.TryParse<TQuery>(Query(new Uri("http://x" + link).Query), out var read), link);
        Assert.Equal(withoutPaging(query), read);
    }

    private static IQueryCollection Query(string queryString) => new QueryCollection(QueryHelpers.ParseQuery(queryString));
}
