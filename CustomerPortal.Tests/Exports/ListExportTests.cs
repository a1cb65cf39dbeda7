using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Exports;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Reviews;

namespace CustomerPortal.Tests.Exports;

/// <summary>
/// Each export has exactly the rows its list shows for the same query (same filters, same order, every page), and
/// refuses portal users. The list's rows come from the list service itself, so a filter added to one and not the other fails here.
/// </summary>
public sealed class ListExportTests : IAsyncLifetime
{
    private CoreServices _core = null!;
    private ListExports Exports => _core.Get<ListExports>();
    private static readonly Core.Access.Actor Staff = CoreServices.Staff;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Customers_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        await using (var db = await _core.DbAsync())
        {
            db.Customers.Add(TestRecords.NewCustomer("Zoë", "Ålander", "", "zoe@example.test", TestRecords.Created));
            db.Customers.Add(TestRecords.NewCustomer("Bo", "Ng", "Smith, Jones & \"Sons\"\nPlumbing", "bo@example.test", TestRecords.Created.AddDays(1)));
            var archived = TestRecords.NewCustomer("Old", "Alanders", "", "old@example.test", TestRecords.Created.AddDays(2));
            archived.Archive(TestRecords.Created.AddDays(3));
            db.Customers.Add(archived);
            await db.SaveChangesAsync();
        }

        foreach (var query in new[]
                 {
                     new CustomerListQuery(PageSize: 100),
                     new CustomerListQuery("alander", PageSize: 100, IncludeArchived: true),
                     new CustomerListQuery(Sort: CustomerSort.Email, Descending: true, PageSize: 100, IncludeArchived: true),
                 })
        {
            var list = (await _core.Get<CustomerService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.CustomersAsync(Staff, query with { Page = 3 }, default));

            Assert.True(list.TotalCount < 100, "The list fits one page, so the export must equal it.");
            Assert.Equal(list.Items.Select(c => c.Id.ToString()), csv.Column("Customer ID"));
            Assert.Equal(list.Items.Select(c => c.DisplayName), csv.Column("Name"));
        }
        var searched = await CsvFile.OfAsync(Exports.CustomersAsync(Staff, new CustomerListQuery("alander", IncludeArchived: true), default));
        Assert.Equal(["Old Alanders", "Zoë Ålander"], searched.Column("Name").Order());
    }

    [Fact]
    public async Task Invoices_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        int otherCustomer;
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Invoiced");
            var b = await TestRecords.CustomerAsync(db, "Other");
            otherCustomer = b.Id;
            await TestRecords.SentInvoiceAsync(db, a.Id, 150m, "Boiler service", due: new DateOnly(2026, 2, 1));
            await TestRecords.SentInvoiceAsync(db, a.Id, 90m, "Gutter clean");
            await TestRecords.DraftInvoiceAsync(db, a.Id, 40m, "Draft work");
            await TestRecords.SentInvoiceAsync(db, b.Id, 1200.5m, "Boiler replacement", due: new DateOnly(2026, 3, 1));
        }

        foreach (var query in new[]
                 {
                     new InvoiceListQuery { Status = InvoiceStatus.Overdue, PageSize = 200 },
                     new InvoiceListQuery { UnpaidOnly = true, Sort = DocumentSort.Total, Descending = false, PageSize = 200 },
                     new InvoiceListQuery { CustomerId = otherCustomer, Search = "boiler", PageSize = 200 },
                     new InvoiceListQuery { Sort = DocumentSort.Customer, PageSize = 200 },
                 })
        {
            var list = (await _core.Get<InvoiceService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.InvoicesAsync(Staff, query with { Page = 1, PageSize = 1 }, default));

            Assert.NotEmpty(list.Items);
            Assert.Equal(list.Items.Select(i => i.Number), csv.Column("Number"));
            Assert.Equal(list.Items.Select(i => DocumentText.Humanize(i.Status)), csv.Column("Status"));
        }
        var overdue = await CsvFile.OfAsync(Exports.InvoicesAsync(Staff, new InvoiceListQuery { Status = InvoiceStatus.Overdue, CustomerId = otherCustomer }, default));
        Assert.Equal(["Number", "Customer", "Title", "Status", "Invoice date", "Due date", "Sent (America/New_York)", "Total (USD)", "Paid (USD)", "Due (USD)"],
            overdue.Headers);
        Assert.Equal(["1200.50"], overdue.Column("Total (USD)"));
        Assert.Equal(["2026-03-01"], overdue.Column("Due date"));
        Assert.Equal(["2026-01-05 10:00"], overdue.Column("Sent (America/New_York)"));
    }

    [Fact]
    public async Task Estimates_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Quoted");
            await TestRecords.EstimateAsync(db, a.Id, 500m, "New roof");
            await TestRecords.EstimateAsync(db, a.Id, 80m, "Tap", send: false);
            await TestRecords.EstimateAsync(db, a.Id, 300m, "Fence", expires: new DateOnly(2026, 2, 1));
        }

        foreach (var query in new[]
                 {
                     new EstimateListQuery { Status = EstimateStatus.Draft, PageSize = 200 },
                     new EstimateListQuery { AwaitingAnswer = true, PageSize = 200 },
                     new EstimateListQuery { Sort = DocumentSort.Total, Descending = false, PageSize = 200 },
                 })
        {
            var list = (await _core.Get<EstimateService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.EstimatesAsync(Staff, query, default));

            Assert.NotEmpty(list.Items);
            Assert.Equal(list.Items.Select(e => e.Number), csv.Column("Number"));
        }
    }

    [Fact]
    public async Task Jobs_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        int customerId;
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Worked");
            customerId = a.Id;
            await TestRecords.JobAsync(db, a.Id, "Boiler service", visitStartUtc: new DateTime(2026, 3, 12, 14, 0, 0, DateTimeKind.Utc), technician: "Ana Tech");
            await TestRecords.JobAsync(db, a.Id, "Fence repair");
            var done = await TestRecords.JobAsync(db, a.Id, "Gutter clean", visitStartUtc: new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc));
            done.Complete(new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Utc));
            await db.SaveChangesAsync();
        }

        foreach (var query in new[]
                 {
                     new JobListQuery { OpenOnly = true, Page = new(0, 200) },
                     new JobListQuery { Status = JobStatus.Completed, Page = new(0, 200) },
                     new JobListQuery { Search = "boiler", CustomerId = customerId, Page = new(0, 200) },
                     new JobListQuery { From = new DateOnly(2026, 3, 12), To = new DateOnly(2026, 3, 12), Page = new(0, 200) },
                 })
        {
            var list = (await _core.Get<JobService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.JobsAsync(Staff, query with { Page = new(2, 1) }, default));

            Assert.NotEmpty(list.Items);
            Assert.Equal(list.Items.Select(j => j.Number), csv.Column("Number"));
        }
        var boiler = await CsvFile.OfAsync(Exports.JobsAsync(Staff, new JobListQuery { Search = "boiler", CustomerId = customerId }, default));
        Assert.Equal(["2026-03-12 10:00"], boiler.Column("Next visit (America/New_York)"));
        Assert.Equal(["Ana Tech"], boiler.Column("Technician"));
    }

    [Fact]
    public async Task Projects_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        int customerId;
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Builder");
            customerId = a.Id;
            var started = await TestRecords.ProjectAsync(db, a.Id, "Kitchen remodel");
            started.Start();
            await TestRecords.ProjectAsync(db, a.Id, "Bathroom");
            await db.SaveChangesAsync();
            await TestRecords.JobAsync(db, a.Id, "Cabinets", projectId: started.Id);
        }

        foreach (var query in new[]
                 {
                     new ProjectListQuery { Status = ProjectStatus.InProgress, Page = new(0, 200) },
                     new ProjectListQuery { CustomerId = customerId, Page = new(0, 200) },
                     new ProjectListQuery { Search = "bath", Page = new(0, 200) },
                 })
        {
            var list = (await _core.Get<ProjectService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.ProjectsAsync(Staff, query, default));

            Assert.NotEmpty(list.Items);
            Assert.Equal(list.Items.Select(p => p.Number), csv.Column("Number"));
            Assert.Equal(list.Items.Select(p => p.JobCount.ToString()), csv.Column("Jobs"));
        }
    }

    [Fact]
    public async Task Payments_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Payer");
            db.Payments.Add(new Payment($"PAY-{Guid.NewGuid():N}"[..12], a.Id, new DateTime(2026, 3, 1, 16, 0, 0, DateTimeKind.Utc), PaymentMethod.Check, 100m,
                "Check 1042", PaymentStatus.Succeeded, 1, null));
            var card = new Payment($"PAY-{Guid.NewGuid():N}"[..12], a.Id, new DateTime(2026, 3, 5, 16, 0, 0, DateTimeKind.Utc), PaymentMethod.Card, 250m,
                "Visa 4242", PaymentStatus.Succeeded, 1, null);
            db.Payments.Add(card);
            await db.SaveChangesAsync();
            Assert.True(card.Refund(50m, 250m, "Overcharged", new DateTime(2026, 3, 6, 12, 0, 0, DateTimeKind.Utc), 1, null).Succeeded);
            await db.SaveChangesAsync();
        }

        foreach (var query in new[]
                 {
                     new PaymentListQuery { Method = PaymentMethod.Check, Page = new(0, 200) },
                     new PaymentListQuery { From = new DateOnly(2026, 3, 4), To = new DateOnly(2026, 3, 5), Page = new(0, 200) },
                     new PaymentListQuery { Search = "visa", Page = new(0, 200) },
                 })
        {
            var list = (await _core.Get<PaymentService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.PaymentsAsync(Staff, query, default));

            Assert.NotEmpty(list.Items);
            Assert.Equal(list.Items.Select(p => p.Number), csv.Column("Number"));
            Assert.Equal(list.Items.Select(p => p.StatusText), csv.Column("Status"));
        }
        var visa = await CsvFile.OfAsync(Exports.PaymentsAsync(Staff, new PaymentListQuery { Search = "visa" }, default));
        Assert.Equal(["250.00"], visa.Column("Amount (USD)"));
        Assert.Equal(["50.00"], visa.Column("Refunded (USD)"));
    }

    [Fact]
    public async Task Requests_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Asker");
            await TestRecords.ServiceRequestAsync(db, a.Id, "Kitchen sink leaking", createdAtUtc: TestRecords.Created);
            await TestRecords.ServiceRequestAsync(db, a.Id, "Roof tiles", createdAtUtc: TestRecords.Created.AddDays(1));
            var declined = await TestRecords.ServiceRequestAsync(db, a.Id, "Paint the barn", createdAtUtc: TestRecords.Created.AddDays(2));
            declined.Decline("We do not paint.", "Sam Staff", TestRecords.Created.AddDays(3));
            await db.SaveChangesAsync();
        }

        foreach (var query in new[]
                 {
                     new RequestListQuery { Page = new(0, 200) },
                     new RequestListQuery { Filter = RequestListFilter.Declined, Page = new(0, 200) },
                     new RequestListQuery { Filter = RequestListFilter.All, Search = "roof", Page = new(0, 200) },
                 })
        {
            var list = (await _core.Get<RequestDecisionService>().ListAsync(Staff, query, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.RequestsAsync(Staff, query, default));

            Assert.NotEmpty(list.Page.Items);
            Assert.Equal(list.Page.Items.Select(r => r.Number), csv.Column("Number"));
        }
    }

    [Fact]
    public async Task Reviews_ExportHasTheListsRowsInItsOrder_ForEachFilter()
    {
        await using (var db = await _core.DbAsync())
        {
            var a = await TestRecords.CustomerAsync(db, "Rater");
            db.Reviews.Add(new Review(a.Id, null, null, 5, "Great, \"really\" great\nThanks", "Pat", TestRecords.Created));
            var low = new Review(a.Id, null, null, 2, "Late", "Pat", TestRecords.Created.AddDays(1));
            db.Reviews.Add(low);
            db.Reviews.Add(new Review(a.Id, null, null, 4, "Good", "Pat", TestRecords.Created.AddDays(2)));
            await db.SaveChangesAsync();
            low.MarkFollowedUp("Sam Staff", TestRecords.Created.AddDays(3));
            await db.SaveChangesAsync();
        }

        foreach (var filter in new[] { new ReviewFilter(), new ReviewFilter(NeedsFollowUp: true), new ReviewFilter(Rating: 2) })
        {
            var list = (await _core.Get<ReviewService>().ListAsync(Staff, filter, default)).Value!;
            var csv = await CsvFile.OfAsync(Exports.ReviewsAsync(Staff, filter, default));

            Assert.NotEmpty(list.Rows);
            Assert.Equal(list.Rows.Select(r => r.Comment), csv.Column("Comment"));
            Assert.Equal(list.Rows.Select(r => r.Rating.ToString()), csv.Column("Rating"));
        }
    }

    [Fact]
    public async Task EveryExport_RefusesAPortalUser_EvenOfTheirOwnCustomer()
    {
        int customerId;
        await using (var db = await _core.DbAsync()) customerId = (await TestRecords.CustomerAsync(db, "Portal")).Id;
        var customer = TestActors.Customer(customerId);

        Task<Result<CsvExport>>[] attempts =
        [
            Exports.CustomersAsync(customer, new CustomerListQuery(), default),
            Exports.JobsAsync(customer, new JobListQuery { CustomerId = customerId }, default),
            Exports.ProjectsAsync(customer, new ProjectListQuery { CustomerId = customerId }, default),
            Exports.EstimatesAsync(customer, new EstimateListQuery { CustomerId = customerId }, default),
            Exports.InvoicesAsync(customer, new InvoiceListQuery { CustomerId = customerId }, default),
            Exports.PaymentsAsync(customer, new PaymentListQuery { CustomerId = customerId }, default),
            Exports.RequestsAsync(customer, new RequestListQuery { CustomerId = customerId }, default),
            Exports.ReviewsAsync(customer, new ReviewFilter(CustomerId: customerId), default),
        ];

        foreach (var attempt in attempts)
        {
            var result = await attempt;
            Assert.Equal(ResultKind.Forbidden, result.Kind);
            Assert.Null(result.Value);
        }
    }

    [Fact]
    public async Task FileName_IsTheListAndTheCompanysToday()
    {
        // 02:00 UTC on Mar 11 is still Mar 10 in New York.
        _core.Clock.Now = new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero);

        var export = (await Exports.InvoicesAsync(Staff, new InvoiceListQuery(), default)).Value!;

        Assert.Equal("invoices-2026-03-10.csv", export.FileName);
    }
}
