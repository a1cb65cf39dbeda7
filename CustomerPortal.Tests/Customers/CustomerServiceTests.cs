using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Customers;

[Collection(WebAppCollection.Name)]
public sealed class CustomerServiceTests(WebAppFixture fixture)
{
    private static readonly Actor Alex = Actor.Staff(9001, "Alex Office", StaffRole.Staff);
    private static readonly Actor Blair = Actor.Staff(9002, "Blair Desk", StaffRole.Staff);
    private readonly PortalAppFactory _app = fixture.App;

    private CustomerService Customers => _app.Services.GetRequiredService<CustomerService>();

    [Fact]
    public async Task Create_WithContactsAndAddresses_SavesEverythingAndAudits()
    {
        _ = _app.BaseUrl;
        var input = NewInput("Morgan", Unique("Reyes"));
        input.Contacts.Add(new ContactInput { Name = "Sam Reyes", Email = "sam@example.test", Phone = "555-010-0101", Role = "Spouse" });
        input.ServiceAddresses.Add(new ServiceAddressInput { Label = "Home", Line1 = "12 Oak St", City = "Springfield", Region = "IL", PostalCode = "62701" });
        input.ServiceAddresses.Add(new ServiceAddressInput { Label = "Cabin", Line1 = "1 Lake Rd", City = "Lakeside", AccessNotes = "Key under the mat" });
        input.InternalNotes = "Pays late";

        var created = await Customers.CreateAsync(Alex, input, default);

        Assert.True(created.Succeeded, created.Message);
        var details = (await Customers.GetAsync(Alex, created.Value, default)).Value!;
        Assert.Equal($"Morgan {input.LastName}", details.DisplayName);
        Assert.Equal("Sam Reyes", Assert.Single(details.Input.Contacts).Name);
        Assert.Equal(["Home", "Cabin"], details.Input.ServiceAddresses.Select(a => a.Label));
        Assert.True(details.Input.ServiceAddresses[0].IsPrimary);
        Assert.False(details.Input.ServiceAddresses[1].IsPrimary);
        Assert.Equal("Key under the mat", details.Input.ServiceAddresses[1].AccessNotes);
        Assert.Equal("Pays late", details.Input.InternalNotes);
        await using var db = await _app.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.CustomerId == created.Value);
        Assert.Equal(AuditActions.CustomerChanged, audit.Action);
        Assert.Equal("Alex Office", audit.ActorName);
    }

    [Fact]
    public async Task Create_TwoCustomersWithTheSameName_GetDistinctPortalIdentifiers()
    {
        _ = _app.BaseUrl;
        var company = Unique("Oak Plumbing");
        var first = await Customers.CreateAsync(Alex, new CustomerInput { CompanyName = company }, default);
        var second = await Customers.CreateAsync(Alex, new CustomerInput { CompanyName = company }, default);
        var third = await Customers.CreateAsync(Alex, new CustomerInput { CompanyName = company }, default);

        var identifiers = new List<string>();
        foreach (var created in new[] { first, second, third })
            identifiers.Add((await Customers.GetAsync(Alex, created.Value, default)).Value!.PortalIdentifier);
        var slug = Customer.SlugFrom(company.ToLowerInvariant());
        Assert.Equal([slug, slug + "-2", slug + "-3"], identifiers);
        Assert.All(identifiers, id => Assert.True(Customer.IsValidPortalIdentifier(id)));
    }

    [Fact]
    public async Task Create_WithoutAnyName_IsRefusedWithMessagesBesideTheFields()
    {
        _ = _app.BaseUrl;
        var input = new CustomerInput { Email = "not-an-email", Phone = "12" };
        input.Contacts.Add(new ContactInput());
        input.ServiceAddresses.Add(new ServiceAddressInput { Label = "Shop" });

        var result = await Customers.CreateAsync(Alex, input, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(CustomerInputRules.NameRequired, result.Errors["FirstName"]);
        Assert.Equal(CustomerInputRules.NameRequired, result.Errors["CompanyName"]);
        Assert.Equal(CustomerInputRules.EmailInvalid, result.Errors["Email"]);
        Assert.Equal(CustomerInputRules.PhoneInvalid, result.Errors["Phone"]);
        Assert.Equal(CustomerInputRules.ContactEmpty, result.Errors["Contacts[0].Name"]);
        Assert.Equal(CustomerInputRules.AddressLineRequired, result.Errors["ServiceAddresses[0].Line1"]);
    }

    [Fact]
    public async Task Update_TooLongNameAndTwoPrimaryAddresses_IsRefusedAndNothingChanges()
    {
        var id = await CreateAsync("Dana", Unique("Long"));
        var details = (await Customers.GetAsync(Alex, id, default)).Value!;
        var input = details.Input;
        input.FirstName = new string('x', 101);
        input.ServiceAddresses.Add(new ServiceAddressInput { Line1 = "1 A St", IsPrimary = true });
        input.ServiceAddresses.Add(new ServiceAddressInput { Line1 = "2 B St", IsPrimary = true });

        var result = await Customers.UpdateAsync(Alex, id, input, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("First name can be at most 100 characters.", result.Errors["FirstName"]);
        Assert.Equal(CustomerInputRules.OnePrimary, result.Errors["ServiceAddresses[1].IsPrimary"]);
        Assert.Equal("Dana", (await Customers.GetAsync(Alex, id, default)).Value!.Input.FirstName);
    }

    [Fact]
    public async Task Update_ChangesDetailsContactsAndAddresses_BumpsVersionAndAuditsWhatChanged()
    {
        var id = await CreateAsync("Erin", Unique("Walsh"));
        var loaded = (await Customers.GetAsync(Alex, id, default)).Value!.Input;
        loaded.Email = "erin.walsh@example.test";
        loaded.MarketingOptIn = true;
        loaded.Contacts.Add(new ContactInput { Name = "Office", Email = "office@example.test" });
        loaded.ServiceAddresses.Add(new ServiceAddressInput { Line1 = "9 Elm St", City = "Dayton" });

        var saved = await Customers.UpdateAsync(Alex, id, loaded, default);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(loaded.Version + 1, saved.Value);
        var after = (await Customers.GetAsync(Alex, id, default)).Value!.Input;
        Assert.Equal("erin.walsh@example.test", after.Email);
        Assert.True(after.MarketingOptIn);
        Assert.Equal("Office", Assert.Single(after.Contacts).Name);
        Assert.True(Assert.Single(after.ServiceAddresses).IsPrimary);

        after.Contacts.Clear();
        after.ServiceAddresses[0].City = "Kettering";
        Assert.True((await Customers.UpdateAsync(Alex, id, after, default)).Succeeded);
        var final = (await Customers.GetAsync(Alex, id, default)).Value!.Input;
        Assert.Empty(final.Contacts);
        Assert.Equal("Kettering", Assert.Single(final.ServiceAddresses).City);

        await using var db = await _app.CreateDbContextAsync();
        var details = await db.AuditEvents.Where(a => a.CustomerId == id).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync();
        Assert.Equal("Changed e-mail, marketing opt-in, contacts, service addresses.", details[1]);
        Assert.Equal("Changed contacts, service addresses.", details[2]);
    }

    [Fact]
    public async Task Update_TwoStaffSaveTheSameLoadedVersion_SecondGetsConflictAndFirstIsKept()
    {
        var id = await CreateAsync("Frankie", Unique("Stone"));
        var alexForm = (await Customers.GetAsync(Alex, id, default)).Value!.Input;
        var blairForm = (await Customers.GetAsync(Blair, id, default)).Value!.Input;
        alexForm.Phone = "555-010-1111";
        blairForm.Phone = "555-010-2222";
        blairForm.InternalNotes = "Blair was here";

        var first = await Customers.UpdateAsync(Alex, id, alexForm, default);
        var second = await Customers.UpdateAsync(Blair, id, blairForm, default);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(ResultKind.Conflict, second.Kind);
        Assert.Equal("Alex Office changed this customer while you were editing; reload to see their changes. Nothing was saved from this form.", second.Message);
        var stored = (await Customers.GetAsync(Blair, id, default)).Value!.Input;
        Assert.Equal("555-010-1111", stored.Phone);
        Assert.Equal("", stored.InternalNotes);
    }

    [Fact]
    public async Task Update_WhenTheRowChangesBetweenLoadAndSave_DatabaseCheckRefusesIt()
    {
        var id = await CreateAsync("Gale", Unique("Hart"));
        var form = (await Customers.GetAsync(Alex, id, default)).Value!.Input;
        // Another writer bumps the version behind the service's back, as a concurrent save would.
        await using (var db = await _app.CreateDbContextAsync())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == id);
            customer.Rename(customer.FirstName, customer.LastName, "Hart Holdings");
            await db.SaveChangesAsync();
        }
        form.Phone = "555-010-3333";

        var result = await Customers.UpdateAsync(Alex, id, form, default);

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Equal("Hart Holdings", (await Customers.GetAsync(Alex, id, default)).Value!.DisplayName);
    }

    [Fact]
    public async Task ArchiveAndRestore_HideAndShowTheCustomerInTheList()
    {
        var lastName = Unique("Archer");
        var id = await CreateAsync("Harper", lastName);

        var archived = await Customers.ArchiveAsync(Alex, id, default);

        Assert.True(archived.Succeeded);
        Assert.Equal(0, (await ListAsync(lastName)).TotalCount);
        var withArchived = await ListAsync(lastName, includeArchived: true);
        Assert.True(Assert.Single(withArchived.Items).IsArchived);

        Assert.True((await Customers.RestoreAsync(Alex, id, default)).Succeeded);
        Assert.False(Assert.Single((await ListAsync(lastName)).Items).IsArchived);
        Assert.False((await Customers.GetAsync(Alex, id, default)).Value!.IsArchived);
    }

    [Fact]
    public async Task List_SearchesNamesCompanyEmailAndPhone_AccentsAndCaseIgnored()
    {
        var token = Unique("Zq");
        var muller = await CreateAsync("Jörg", $"Müller{token}");
        var company = await Customers.CreateAsync(Alex, new CustomerInput { CompanyName = $"ACME {token} Heating", Phone = "(312) 555-0199" }, default);
        var email = await Customers.CreateAsync(Alex, new CustomerInput { FirstName = "Ivy", Email = $"ivy.{token}@Example.test" }, default);

        Assert.Equal([muller], (await ListAsync($"muller{token}")).Items.Select(r => r.Id));
        Assert.Equal([company.Value], (await ListAsync($"acme {token}")).Items.Select(r => r.Id));
        Assert.Equal([email.Value], (await ListAsync($"IVY.{token}")).Items.Select(r => r.Id));
        Assert.Contains(company.Value, (await ListAsync("312 555 0199")).Items.Select(r => r.Id));
        Assert.Equal(3, (await ListAsync(token)).TotalCount);
    }

    [Fact]
    public async Task List_PagesAndSortsInTheDatabase()
    {
        var token = Unique("Pg");
        foreach (var letter in "EDCBA")
            await Customers.CreateAsync(Alex, new CustomerInput { CompanyName = $"{letter} {token}", Email = $"{(char)('v' + "EDCBA".IndexOf(letter))}{token}@x.test" }, default);

        var page1 = await ListAsync(token, pageSize: 2);
        var page3 = await ListAsync(token, page: 2, pageSize: 2);
        var byEmailDescending = await ListAsync(token, sort: CustomerSort.Email, descending: true, pageSize: 5);

        Assert.Equal(5, page1.TotalCount);
        Assert.Equal([$"A {token}", $"B {token}"], page1.Items.Select(r => r.DisplayName));
        Assert.Equal([$"E {token}"], page3.Items.Select(r => r.DisplayName));
        Assert.Equal(["A", "B", "C", "D", "E"], byEmailDescending.Items.Select(r => r.DisplayName[..1]));
    }

    [Fact]
    public async Task List_SearchMatchingMoreThanTheFirstPassCollects_StillCountsAndPagesRight()
    {
        var token = Unique("Win");
        foreach (var word in new[] { "Golf", "Foxtrot", "Echo", "Delta", "Charlie", "Bravo", "Alpha" })
            await Customers.CreateAsync(Alex, new CustomerInput { CompanyName = $"{word} {token}" }, default);
        var narrow = new CustomerService(
            _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.PortalDbContext>>(),
            _app.Services.GetRequiredService<AccessRules>(), _app.Services.GetRequiredService<AuditLog>(),
            _app.Services.GetRequiredService<Core.Live.ILiveEventPublisher>(), TimeProvider.System) { SearchWindow = 3 };

        var first = (await narrow.ListAsync(Alex, new CustomerListQuery(token, PageSize: 2), default)).Value!;
        var last = (await narrow.ListAsync(Alex, new CustomerListQuery(token, Page: 3, PageSize: 2), default)).Value!;
        var few = (await narrow.ListAsync(Alex, new CustomerListQuery($"bravo {token}", PageSize: 2), default)).Value!;

        Assert.Equal(7, first.TotalCount);
        Assert.Equal([$"Alpha {token}", $"Bravo {token}"], first.Items.Select(r => r.DisplayName));
        Assert.Equal(7, last.TotalCount);
        Assert.Equal([$"Golf {token}"], last.Items.Select(r => r.DisplayName));
        Assert.Equal(1, few.TotalCount);
    }

    [Fact]
    public async Task List_CountsPortalUsersOfEachCustomer()
    {
        var lastName = Unique("Portal");
        var id = await CreateAsync("Jules", lastName);
        await TestAccounts.CreatePortalUserAsync(_app, id);
        await TestAccounts.CreatePortalUserAsync(_app, id, password: null);

        var row = Assert.Single((await ListAsync(lastName)).Items);

        Assert.Equal(2, row.PortalUserCount);
        Assert.True(row.PortalEnabled);
    }

    [Fact]
    public async Task PortalUser_CannotListOrOpenCustomerRecords()
    {
        var id = await CreateAsync("Kim", Unique("Own"));
        var portalActor = new Actor { Kind = ActorKind.Customer, Name = "Kim", CustomerId = id, PortalUserId = 1, Modules = PortalModules.All };

        Assert.Equal(ResultKind.Forbidden, (await Customers.ListAsync(portalActor, new CustomerListQuery(), default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Customers.GetAsync(portalActor, id, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Customers.UpdateAsync(portalActor, id, new CustomerInput { FirstName = "X" }, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await _app.Services.GetRequiredService<CustomerActivity>().JobsAsync(portalActor, id, default)).Kind);
    }

    [Fact]
    public async Task PaymentsAndCredit_BalanceIsTheSumOfTheLedger()
    {
        var id = await CreateAsync("Lee", Unique("Credit"));
        await using (var db = await _app.CreateDbContextAsync())
        {
            db.CreditEntries.Add(new CreditEntry(id, DateTime.UtcNow.AddDays(-2), 50.25m, CreditReason.TopUp, null, null, "Top-up"));
            db.CreditEntries.Add(new CreditEntry(id, DateTime.UtcNow.AddDays(-1), -20m, CreditReason.AppliedToInvoice, null, null, "INV-1"));
            await db.SaveChangesAsync();
        }

        var result = await _app.Services.GetRequiredService<CustomerActivity>().PaymentsAndCreditAsync(Alex, id, default);

        Assert.Equal(30.25m, result.Value!.CreditBalance);
        Assert.Equal(["INV-1", "Top-up"], result.Value.Credit.Items.Select(r => r.Note));
        Assert.Empty(result.Value.Payments.Items);
    }

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private static CustomerInput NewInput(string firstName, string lastName) =>
        new() { FirstName = firstName, LastName = lastName, Email = $"{firstName.ToLowerInvariant()}@example.test", Phone = "555-010-0100" };

    private async Task<int> CreateAsync(string firstName, string lastName)
    {
        _ = _app.BaseUrl;
        var result = await Customers.CreateAsync(Alex, NewInput(firstName, lastName), default);
        Assert.True(result.Succeeded, result.Message);
        return result.Value;
    }

    private async Task<PagedList<CustomerListRow>> ListAsync(string search, bool includeArchived = false, int page = 0, int pageSize = 25,
        CustomerSort sort = CustomerSort.Name, bool descending = false)
    {
        var result = await Customers.ListAsync(Alex, new CustomerListQuery(search, sort, descending, page, pageSize, includeArchived), default);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }
}
