using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Files;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using CustomerPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Core.Demo;

/// <summary>
/// Fills an empty database with a small, realistic field-service company so the app can be tried at once: staff and
/// portal logins, customers, jobs, a project, estimates and invoices in every state, payments, credit, pictures and
/// messages. Runs only when there is no company yet, in one transaction; dates are relative to the day of that run.
/// </summary>
public sealed class DemoDataSeeder(
    PortalDbContext db,
    AccountProvisioning accounts,
    IFileStore files,
    CompanySettingsService company,
    IOptions<DemoDataOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public const string AdminEmail = "admin@example.com";
    public const string StaffEmail = "staff@example.com";
    public const string PortalEmail = "olivia.martinez@example.com";
    public const string SecondPortalEmail = "james.martinez@example.com";
    public const string CompanyPortalEmail = "ben.ortiz@example.com";
    public const string InvitedPortalEmail = "wei.chen@example.com";
    public const string LinkOnlyPortalEmail = "karen.doyle@example.com";

    private const decimal SalesTax = 8.25m;
    private const string Ip = "203.0.113.24";

    /// <summary>The demo pictures (whether it is an "after" picture, and the seed it is drawn from).</summary>
    private static readonly (bool After, int Seed)[] Pictures = [(false, 11), (true, 12), (false, 21), (false, 31)];

    private readonly List<string> _savedFiles = [];
    private readonly Dictionary<int, StoredPicture> _pictures = [];
    private CompanySettings _company = null!;
    private DateTime _nowUtc;
    private DateOnly _today;

    /// <summary>Seeds when the database has no company yet; returns whether it did. Logs the demo logins either way.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        var seeded = false;
        if (!await db.CompanySettings.AnyAsync(ct))
        {
            try
            {
                // The pictures go into the file store before the seeding transaction: a store may write on a connection
                // of its own (Files:Store = Database), which on SQLite would wait for this transaction's write lock.
                await StorePicturesAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (!await db.CompanySettings.AnyAsync(ct))
                {
                    await SeedEverythingAsync(ct);
                    await transaction.CommitAsync(ct);
                    seeded = true;
                }
            }
            finally
            {
                if (!seeded)
                    foreach (var name in _savedFiles) await files.DeleteAsync(name, CancellationToken.None);
            }
        }
        company.Invalidate();
        if (await db.StaffUsers.AnyAsync(s => s.Email == AdminEmail, ct)) LogLogins(seeded);
        return seeded;
    }

    private void LogLogins(bool seeded)
    {
        var site = (configuration["Urls"] ?? "http://localhost:5000").Split(';')[0].TrimEnd('/');
        logger.LogWarning(
            "{What} Staff sign-in: {Site}/account/login as {Admin} (admin) or {Staff}. Customer portal: {Site}/portal/login as {Portal}, {Second} or {Company}. " +
            "Password for all: {Password} (unless changed). Set DemoData:Enabled to false for a real installation.",
            seeded ? "Demo data created." : "Demo data is present.", site, AdminEmail, StaffEmail, site, PortalEmail, SecondPortalEmail, CompanyPortalEmail,
            options.Value.Password);
    }

    private async Task SeedEverythingAsync(CancellationToken ct)
    {
        _nowUtc = clock.GetUtcNow().UtcDateTime;
        _company = new CompanySettings();
        Ensure(_company.UpdateBranding("Brightwater Home Services", "#00796B"));
        _company.UpdateContactDetails("office@example.com", "(512) 555-0142",
            new Address("1200 Commerce Street", "Suite 4", "Austin", "TX", "78701"), "https://www.example.com");
        _company.ChangeCurrencyAndTimeZone("USD", "America/Chicago");
        Ensure(_company.ChangeDocumentDefaults(_company.InvoiceDueDays, _company.EstimateValidDays, SalesTax));
        Ensure(_company.ChangeReviewSettings("https://www.example.com/reviews/brightwater", _company.ReviewRatingThreshold));
        _company.MarkEdited(_nowUtc);
        db.CompanySettings.Add(_company);
        await db.SaveChangesAsync(ct);
        _today = _company.Today(_nowUtc);

        var admin = Ensure(await accounts.CreateStaffAsync("Dana Whitfield", AdminEmail, options.Value.Password, StaffRole.Admin, ct));
        Ensure(await accounts.CreateStaffAsync("Marcus Lee", StaffEmail, options.Value.Password, StaffRole.Staff, ct));

        var c = await AddCustomersAsync(ct);
        var users = await AddPortalUsersAsync(c, ct);
        var work = await AddWorkAsync(c, users, ct);
        await AddEstimatesAsync(c, users, work, ct);
        await AddInvoicesAndPaymentsAsync(c, users, work, ct);
        await AddPicturesAsync(c, work, ct);
        await AddMessagesAsync(c, users, work, admin, ct);
        await AddRequestsAsync(c, users, admin, ct);
        await AddReviewsAsync(c, users, work, ct);
    }

    /// <summary>A few private reviews: a delighted household (offered the public page), a clinic, and one that needed a call back.</summary>
    private async Task AddReviewsAsync(DemoCustomers c, DemoUsers users, DemoWork work, CancellationToken ct)
    {
        var tankless = new Reviews.Review(c.Martinez.Id, users.Olivia.Id, work.WaterHeater.Id, 5,
            "Marcus was on time, explained everything and left the garage cleaner than he found it. Hot water in seconds now!", users.Olivia.Name, Local(-25, 19, 40));
        tankless.MarkPublicLinkOffered(Local(-25, 19, 40));
        var clinic = new Reviews.Review(c.Harborview.Id, users.Ben.Id, work.ClinicRoughIn.Id, 4,
            "Good work and the pressure test report was helpful. Please give us a bit more notice before water shut-offs.", users.Ben.Name, Local(-26, 9, 15));
        clinic.MarkPublicLinkOffered(Local(-26, 9, 15));
        var drain = new Reviews.Review(c.Okafor.Id, null, work.OkaforDrain.Id, 2,
            "The drain is fine now, but the technician tracked mud through the hallway.", "Samuel Okafor", Local(-45, 20, 5));
        Ensure(drain.MarkFollowedUp("Dana Whitfield", Local(-44, 10)));
        db.Reviews.AddRange(tankless, clinic, drain);
        await db.SaveChangesAsync(ct);
    }

    private sealed record DemoCustomers(Customer Martinez, Customer Harborview, Customer Chen, Customer Riverside, Customer Okafor,
        Customer Greenleaf, Customer Patel);

    private sealed record DemoUsers(PortalUser Olivia, PortalUser James, PortalUser Ben);

    private sealed record DemoWork(Job WaterHeater, Job AcTuneUp, Job LeakRepair, Job ClinicRoughIn, Job ClinicFixtures, Job ClinicFinish,
        Job BuildingBBoiler, Job OkaforDrain, Project Clinic);

    private async Task<DemoCustomers> AddCustomersAsync(CancellationToken ct)
    {
        var martinez = NewCustomer("Olivia", "Martinez", "", "olivia.martinez@example.com", "(512) 555-0131", -210,
            [("Home", new Address("4817 Ridgeview Drive", "", "Austin", "TX", "78731"), "Gate code 2468. Dog in the back yard, friendly."),
             ("Lake cabin", new Address("112 Cypress Point Road", "", "Marble Falls", "TX", "78654"), "Key in the lockbox by the side door.")],
            [("James Martinez", "james.martinez@example.com", "(512) 555-0132", "Spouse")]);
        martinez.ChangePreferences(emailNotifications: true, smsNotifications: true, marketingOptIn: false);

        var harborview = NewCustomer("Aisha", "Khan", "Harborview Dental Group", "accounts.harborview@example.com", "(512) 555-0150", -400,
            [("Main office", new Address("2300 Lakeshore Boulevard", "Suite 210", "Austin", "TX", "78741"), "Check in at reception; work after 5 pm when possible."),
             ("North clinic", new Address("9800 Research Boulevard", "Building C", "Austin", "TX", "78759"), "Loading dock at the back, ask for Ben.")],
            [("Dr. Aisha Khan", "aisha.khan@example.com", "(512) 555-0151", "Owner"),
             ("Ben Ortiz", "ben.ortiz@example.com", "(512) 555-0152", "Office manager"),
             ("Accounts payable", "accounts.harborview@example.com", "(512) 555-0153", "Billing")]);
        harborview.UpdateInternalNotes("Pays by check, usually in two parts. Net 30.");

        var chen = NewCustomer("Wei", "Chen", "", "wei.chen@example.com", "(737) 555-0118", -45,
            [("Home", new Address("905 Maple Hollow Lane", "", "Round Rock", "TX", "78664"), "")],
            [("Lin Chen", "lin.chen@example.com", "(737) 555-0119", "Spouse")]);

        var riverside = NewCustomer("Karen", "Doyle", "Riverside Apartments LLC", "karen.doyle@example.com", "(512) 555-0170", -620,
            [("Building A", new Address("1400 Riverside Drive", "Building A", "Austin", "TX", "78704"), "Mechanical room key at the leasing office."),
             ("Building B", new Address("1400 Riverside Drive", "Building B", "Austin", "TX", "78704"), "Boiler room in the basement, door code 7319."),
             ("Leasing office", new Address("1402 Riverside Drive", "", "Austin", "TX", "78704"), "")],
            [("Karen Doyle", "karen.doyle@example.com", "(512) 555-0170", "Property manager"),
             ("Luis Romero", "luis.romero@example.com", "(512) 555-0171", "Maintenance lead")]);

        var okafor = NewCustomer("Samuel", "Okafor", "", "samuel.okafor@example.com", "(512) 555-0186", -95,
            [("Home", new Address("3316 Pecan Springs Road", "", "Austin", "TX", "78723"), "Park in the driveway.")], []);
        okafor.ClosePortal();

        var greenleaf = NewCustomer("Maria", "Rossi", "Greenleaf Café", "maria@example.com", "(512) 555-0194", -150,
            [("Café", new Address("611 South Congress Avenue", "", "Austin", "TX", "78704"), "Open 7 am to 3 pm; work before opening.")],
            [("Maria Rossi", "maria@example.com", "(512) 555-0194", "Owner")]);

        var patel = NewCustomer("Anita", "Patel", "", "anita.patel@example.com", "(737) 555-0127", -12,
            [("Home", new Address("7702 Wildflower Court", "", "Cedar Park", "TX", "78613"), "")], []);
        patel.ChangePreferences(emailNotifications: true, smsNotifications: false, marketingOptIn: true);

        await db.SaveChangesAsync(ct);
        return new DemoCustomers(martinez, harborview, chen, riverside, okafor, greenleaf, patel);
    }

    private Customer NewCustomer(string first, string last, string companyName, string email, string phone, int createdDaysAgo,
        (string Label, Address Address, string Notes)[] places, (string Name, string Email, string Phone, string Role)[] contacts)
    {
        var customer = new Customer(first, last, companyName, email, phone, Local(createdDaysAgo, 10));
        Ensure(customer.ChangePortalIdentifier(Customer.SlugFrom(customer.DisplayName)));
        foreach (var place in places) customer.AddServiceAddress(place.Label, place.Address, place.Notes);
        foreach (var contact in contacts) customer.AddContact(contact.Name, contact.Email, contact.Phone, contact.Role);
        db.Customers.Add(customer);
        return customer;
    }

    private async Task<DemoUsers> AddPortalUsersAsync(DemoCustomers c, CancellationToken ct)
    {
        var password = options.Value.Password;
        var olivia = Ensure(await accounts.CreatePortalUserAsync(c.Martinez.Id, PortalEmail, "Olivia Martinez", PortalLoginMode.Password, password, ct));
        var james = Ensure(await accounts.CreatePortalUserAsync(c.Martinez.Id, SecondPortalEmail, "James Martinez", PortalLoginMode.Password, password, ct));
        var ben = Ensure(await accounts.CreatePortalUserAsync(c.Harborview.Id, CompanyPortalEmail, "Ben Ortiz", PortalLoginMode.Password, password, ct));
        Ensure(await accounts.CreatePortalUserAsync(c.Chen.Id, InvitedPortalEmail, "Wei Chen", PortalLoginMode.Password, null, ct));
        Ensure(await accounts.CreatePortalUserAsync(c.Riverside.Id, LinkOnlyPortalEmail, "Karen Doyle", PortalLoginMode.LinkOnly, null, ct));

        Ensure(olivia.RecordSignIn(Local(-3, 19, 12)));
        Ensure(james.RecordSignIn(Local(-20, 8, 40)));
        Ensure(ben.RecordSignIn(Local(-1, 13, 5)));
        foreach (var (customer, user) in new[] { (c.Martinez, olivia), (c.Martinez, james), (c.Harborview, ben) })
            customer.PortalUserRegistered(user.RegisteredAtUtc!.Value);
        // James sees everything but payments are Olivia's job in this household.
        james.ChangePermissions(james.Modules, canPay: false, james.CanAcceptEstimates, james.CanSubmitRequests);
        await db.SaveChangesAsync(ct);
        return new DemoUsers(olivia, james, ben);
    }

    private async Task<DemoWork> AddWorkAsync(DemoCustomers c, DemoUsers users, CancellationToken ct)
    {
        // Accepted, signed by Olivia in the portal, and made into the water heater job.
        var tankless = await NewEstimateAsync(c.Martinez, -40, 30, Content("Tankless water heater upgrade",
            ("Rinnai RU199iN tankless water heater", 1, 2150m, SalesTax),
            ("Gas line upgrade to 3/4\" black iron, up to 20 ft", 1, 385m, SalesTax),
            ("Concentric vent kit", 1, 165m, SalesTax),
            ("Removal and disposal of the old tank", 1, 95m, 0m),
            ("Installation labor", 6, 115m, 0m)), ct);
        Ensure(tankless.MarkSent(Local(-40, 14), Day(-40)));
        tankless.MarkViewed(Local(-39, 20, 15));
        Ensure(tankless.Accept(new EstimateAcceptance("Olivia Martinez", Local(-38, 8, 5), Ip,
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            users.Olivia.Id), Day(-38)));
        await db.SaveChangesAsync(ct);

        var martinezHome = c.Martinez.ServiceAddresses[0].Address;
        var waterHeater = await NewJobAsync(c.Martinez, "Replace water heater with tankless unit",
            "Remove the leaking 50-gallon tank, install a Rinnai tankless heater with new gas and water connections, flush and test.", martinezHome, -34, ct,
            estimateId: tankless.Id);
        Visit(waterHeater, -27, 8, 4, "Marcus Lee", VisitStatus.Completed, "Old tank removed; gas line upsized to 3/4\".");
        Visit(waterHeater, -26, 8, 6, "Marcus Lee", VisitStatus.Completed, "Tankless unit installed, vented and tested. Customer shown the controls.");
        Ensure(waterHeater.Complete(Local(-26, 15)));

        var acTuneUp = await NewJobAsync(c.Martinez, "Annual AC tune-up",
            "Spring maintenance on the upstairs and downstairs systems: coils, refrigerant check, filters, condensate lines.", martinezHome, -6, ct);
        Visit(acTuneUp, 5, 10, 2, "Priya Natarajan", VisitStatus.Scheduled, "");

        var leakRepair = await NewJobAsync(c.Chen, "Kitchen sink leak and shut-off valves",
            "Leak under the kitchen sink; replace both angle stops and the P-trap.", c.Chen.ServiceAddresses[0].Address, -3, ct);
        Visit(leakRepair, 0, 9, 3, "Tom Becker", VisitStatus.InProgress, "Valves replaced, waiting for the trap part.");
        Ensure(leakRepair.Start());

        var clinic = new Project(await NextAsync(DocumentPrefixes.Project, ct), c.Harborview.Id, "North clinic plumbing renovation",
            "Re-plumb four operatories and the sterilization room at the North clinic, in three phases so the clinic stays open.", Local(-40, 11),
            Day(-30), Day(45), "Phase 3 depends on the cabinet delivery; confirm with Ben a week ahead.");
        db.Projects.Add(clinic);
        Ensure(clinic.RecordProgress(40));
        await db.SaveChangesAsync(ct);

        var northClinic = c.Harborview.ServiceAddresses[1].Address;
        var roughIn = await NewJobAsync(c.Harborview, "Phase 1: rough-in for operatories 1 and 2",
            "New supply and drain lines for two operatories, pressure-tested before the walls close.", northClinic, -32, ct, clinic);
        Visit(roughIn, -28, 7, 8, "Marcus Lee", VisitStatus.Completed, "");
        Visit(roughIn, -27, 7, 8, "Tom Becker", VisitStatus.Completed, "Pressure test passed at 100 psi.");
        Ensure(roughIn.Complete(Local(-27, 16)));

        var fixtures = await NewJobAsync(c.Harborview, "Phase 2: sterilization room sinks and eyewash",
            "Install two stainless sinks, an eyewash station and a thermostatic mixing valve.", northClinic, -10, ct, clinic);
        Visit(fixtures, -1, 7, 8, "Marcus Lee", VisitStatus.Completed, "Sinks set; eyewash waiting on the mixing valve.");
        Visit(fixtures, 1, 7, 6, "Marcus Lee", VisitStatus.Scheduled, "");
        Ensure(fixtures.Start());

        var finish = await NewJobAsync(c.Harborview, "Phase 3: operatories 3 and 4",
            "Rough-in and trim-out of the last two operatories once the cabinets arrive.", northClinic, -10, ct, clinic);
        Visit(finish, 21, 7, 8, "Tom Becker", VisitStatus.Scheduled, "");

        var boiler = await NewJobAsync(c.Riverside, "Building B boiler service",
            "Annual boiler inspection, clean burners, check the expansion tank and relief valve.", c.Riverside.ServiceAddresses[1].Address, -2, ct);
        Visit(boiler, 3, 13, 3, "Priya Natarajan", VisitStatus.Scheduled, "");

        var drain = await NewJobAsync(c.Okafor, "Clear main sewer line",
            "Main line backing up into the downstairs shower; cable the line and camera-inspect.", c.Okafor.ServiceAddresses[0].Address, -47, ct);
        Visit(drain, -46, 14, 2, "Tom Becker", VisitStatus.Completed, "Roots cleared at 42 ft; camera shows the line is sound.");
        Ensure(drain.Complete(Local(-46, 16)));

        await db.SaveChangesAsync(ct);
        Ensure(tankless.ConvertToJob(waterHeater.Id));
        return new DemoWork(waterHeater, acTuneUp, leakRepair, roughIn, fixtures, finish, boiler, drain, clinic);
    }

    private async Task<Job> NewJobAsync(Customer customer, string title, string description, Address address, int createdDay, CancellationToken ct,
        Project? project = null, int? estimateId = null)
    {
        var job = new Job(await NextAsync(DocumentPrefixes.Job, ct), customer.Id, title, description, address, Local(createdDay, 9, 30), estimateId,
            project?.Id);
        db.Jobs.Add(job);
        return job;
    }

    private void Visit(Job job, int day, int hour, int hours, string technician, VisitStatus status, string notes)
    {
        var visit = job.ScheduleVisit(Local(day, hour), Local(day, hour + hours), technician, notes);
        Ensure(status switch
        {
            VisitStatus.InProgress => visit.Start(),
            VisitStatus.Completed => visit.Complete(),
            VisitStatus.Cancelled => visit.Cancel(),
            _ => Result.Success(),
        });
    }

    private async Task AddEstimatesAsync(DemoCustomers c, DemoUsers users, DemoWork work, CancellationToken ct)
    {
        // Sent and waiting for an answer.
        var filtration = await NewEstimateAsync(c.Martinez, -4, 30, Content("Whole-home water filtration",
            ("Whole-home carbon filtration system, 1.5 cu ft", 1, 1480m, SalesTax),
            ("Bypass loop and shut-off valves", 1, 210m, SalesTax),
            ("Installation labor", 4, 115m, 0m)) with { Terms = "Price holds for 30 days. Includes the first set of filter cartridges." }, ct);
        Ensure(filtration.MarkSent(Local(-4, 16), Day(-4)));

        // Opened by the customer, not answered yet.
        var vacuum = await NewEstimateAsync(c.Harborview, -9, 30, Content("Dental vacuum line replacement, main office",
            ("Schedule 40 PVC vacuum line, per foot", 140, 9.5m, SalesTax),
            ("Fittings, hangers and sweeps", 1, 310m, SalesTax),
            ("Labor, after hours", 14, 135m, 0m)) with { DiscountKind = DiscountKind.Percent, DiscountValue = 5 }, ct);
        Ensure(vacuum.MarkSent(Local(-9, 11), Day(-9)));
        vacuum.MarkViewed(Local(-8, 9, 30));

        // The project's estimate, accepted by the office manager.
        var renovation = await NewEstimateAsync(c.Harborview, -45, 30, Content("North clinic plumbing renovation, phases 1 to 3",
            ("Phase 1: rough-in, operatories 1 and 2", 1, 6400m, 0m),
            ("Phase 2: sterilization room sinks, eyewash and mixing valve", 1, 5200m, 0m),
            ("Phase 3: operatories 3 and 4", 1, 6100m, 0m),
            ("Fixtures and materials allowance", 1, 4800m, SalesTax)), ct, projectId: work.Clinic.Id, deposit: 2000m);
        Ensure(renovation.MarkSent(Local(-45, 15), Day(-45)));
        Ensure(renovation.Accept(new EstimateAcceptance("Ben Ortiz", Local(-43, 10, 20), Ip,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", users.Ben.Id), Day(-43)));

        // Not sent yet: only staff see it.
        var fan = await NewEstimateAsync(c.Chen, -1, 30, Content("Bathroom exhaust fan replacement",
            ("Quiet exhaust fan with humidity sensor, 110 CFM", 2, 189m, SalesTax),
            ("Duct and roof cap", 2, 64m, SalesTax),
            ("Labor", 3, 105m, 0m)) with { InternalNotes = "Check attic access before sending." }, ct);

        // Declined by the customer.
        var repipe = await NewEstimateAsync(c.Okafor, -44, 30, Content("Replace sewer line with PVC, 60 ft",
            ("Excavation and backfill", 1, 2400m, 0m),
            ("4\" PVC sewer pipe and fittings, 60 ft", 1, 980m, SalesTax),
            ("City permit and inspection", 1, 250m, 0m),
            ("Labor", 16, 115m, 0m)), ct);
        Ensure(repipe.MarkSent(Local(-44, 10), Day(-44)));
        Ensure(repipe.Decline("The line was cleared and works for now; we will revisit next year.", Local(-41, 18), Day(-41)));

        // Sent, never answered, past its date.
        var grease = await NewEstimateAsync(c.Greenleaf, -50, 30, Content("Grease interceptor installation",
            ("50 GPM grease interceptor", 1, 1850m, SalesTax),
            ("Installation and connection to the kitchen drain", 1, 1250m, 0m)), ct);
        Ensure(grease.MarkSent(Local(-50, 9), Day(-50)));
        Ensure(grease.MarkExpired(_today));

        // Sent with a deposit to pay on acceptance.
        var softener = await NewEstimateAsync(c.Patel, -2, 30, Content("Water softener and new hose bibs",
            ("Water softener, 48,000 grain, with bypass", 1, 1290m, SalesTax),
            ("Frost-free hose bibs", 2, 78m, SalesTax),
            ("Installation labor", 4, 110m, 0m)), ct, deposit: 250m);
        Ensure(softener.MarkSent(Local(-2, 12), Day(-2)));

        await db.SaveChangesAsync(ct);
    }

    private async Task<Estimate> NewEstimateAsync(Customer customer, int createdDay, int validDays, DocumentDraft content, CancellationToken ct,
        int? projectId = null, decimal deposit = 0)
    {
        if (content.Terms.Length == 0)
            content = content with { Terms = "This estimate is valid for 30 days. Work is guaranteed for one year; manufacturer warranties apply to equipment." };
        var estimate = new Estimate(await NextAsync(DocumentPrefixes.Estimate, ct), customer.Id, Local(createdDay, 10),
            new EstimateDraft(content, Day(createdDay + validDays), projectId, deposit));
        db.Estimates.Add(estimate);
        return estimate;
    }

    private static DocumentDraft Content(string title, params (string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate)[] lines) =>
        new(title, "", "", DiscountKind.None, 0, lines.Select(l => new LineItemInput
        {
            Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRatePercent = l.TaxRate,
        }).ToList());

    private async Task AddInvoicesAndPaymentsAsync(DemoCustomers c, DemoUsers users, DemoWork work, CancellationToken ct)
    {
        // Paid in full by card through the portal.
        var tanklessId = (await db.Estimates.SingleAsync(e => e.ConvertedJobId == work.WaterHeater.Id, ct)).Id;
        var waterHeater = await NewInvoiceAsync(c.Martinez, -26, 14, Content("Tankless water heater upgrade",
            ("Rinnai RU199iN tankless water heater", 1, 2150m, SalesTax),
            ("Gas line upgrade to 3/4\" black iron", 1, 385m, SalesTax),
            ("Concentric vent kit", 1, 165m, SalesTax),
            ("Removal and disposal of the old tank", 1, 95m, 0m),
            ("Installation labor", 6, 115m, 0m)), ct, jobId: work.WaterHeater.Id, estimateId: tanklessId);
        Ensure(waterHeater.MarkSent(Local(-26, 17), Day(-26)));
        waterHeater.MarkViewed(Local(-25, 19), Day(-25));
        await db.SaveChangesAsync(ct);
        await PayAsync(c.Martinez, Local(-24, 20, 41), PaymentMethod.Card, waterHeater.Total, "Visa ending 4242", null, users.Olivia.Id,
            [(waterHeater, waterHeater.Total)], ct);

        // Sent, due in two weeks.
        var disposal = await NewInvoiceAsync(c.Martinez, -2, 14, Content("Garbage disposal replacement",
            ("InSinkErator 3/4 HP garbage disposal", 1, 289m, SalesTax),
            ("Labor", 1.5m, 115m, 0m)), ct);
        Ensure(disposal.MarkSent(Local(-2, 15), Day(-2)));

        // Part-paid by check: phase 1 of the project.
        var phaseOne = await NewInvoiceAsync(c.Harborview, -20, 30, Content("North clinic renovation, phase 1",
            ("Phase 1: rough-in, operatories 1 and 2", 1, 6400m, 0m),
            ("Fixtures and materials, phase 1", 1, 1650m, SalesTax)), ct, jobId: work.ClinicRoughIn.Id);
        Ensure(phaseOne.MarkSent(Local(-20, 10), Day(-20)));
        phaseOne.MarkViewed(Local(-19, 8, 50), Day(-19));
        await db.SaveChangesAsync(ct);
        await PayAsync(c.Harborview, Local(-12, 11), PaymentMethod.Check, 4000m, "Check #10482", 1, null, [(phaseOne, 4000m)], ct);

        // Overdue: sent six weeks ago, nothing paid.
        var drain = await NewInvoiceAsync(c.Okafor, -45, 30, Content("Main sewer line cleared",
            ("Sewer line cabling, main line", 1, 325m, 0m),
            ("Camera inspection", 1, 195m, 0m)), ct, jobId: work.OkaforDrain.Id);
        Ensure(drain.MarkSent(Local(-45, 9), Day(-45)));
        drain.RefreshStatus(_today);

        // Draft, for the job still in progress.
        var leak = await NewInvoiceAsync(c.Chen, 0, 14, Content("Kitchen sink leak repair",
            ("1/4-turn angle stop valves", 2, 24m, SalesTax),
            ("P-trap kit, 1-1/2\"", 1, 32m, SalesTax),
            ("Labor", 2, 105m, 0m)), ct, jobId: work.LeakRepair.Id);

        // Viewed by the property manager, due next month.
        var boiler = await NewInvoiceAsync(c.Riverside, -8, 30, Content("Building A water heater recirculation pump",
            ("Recirculation pump, bronze", 1, 465m, SalesTax),
            ("Labor", 2.5m, 115m, 0m)), ct);
        Ensure(boiler.MarkSent(Local(-8, 14), Day(-8)));
        boiler.MarkViewed(Local(-7, 10), Day(-7));
        await db.SaveChangesAsync(ct);

        // Account credit: a top-up with no invoice yet, and a goodwill adjustment.
        var topUp = await PayAsync(c.Martinez, Local(-10, 18, 2), PaymentMethod.Card, 100m, "Visa ending 4242", null, users.Olivia.Id, [], ct);
        db.CreditEntries.Add(new CreditEntry(c.Martinez.Id, topUp.ReceivedAtUtc, 100m, CreditReason.TopUp, topUp.Id, null, "Account top-up from the portal."));
        db.CreditEntries.Add(new CreditEntry(c.Riverside.Id, Local(-5, 9), 50m, CreditReason.Adjustment, null, null,
            "Goodwill credit for the rescheduled boiler visit."));
        await db.SaveChangesAsync(ct);
    }

    private async Task<Invoice> NewInvoiceAsync(Customer customer, int issueDay, int dueDays, DocumentDraft content, CancellationToken ct,
        int? jobId = null, int? estimateId = null)
    {
        content = content with { Terms = $"Payment due within {dueDays} days. Thank you for your business." };
        var invoice = new Invoice(await NextAsync(DocumentPrefixes.Invoice, ct), customer.Id, Local(issueDay, 9),
            new InvoiceDraft(content, Day(issueDay), Day(issueDay + dueDays), jobId, estimateId));
        db.Invoices.Add(invoice);
        return invoice;
    }

    private async Task<Payment> PayAsync(Customer customer, DateTime receivedAtUtc, PaymentMethod method, decimal amount, string reference,
        int? staffUserId, int? portalUserId, (Invoice Invoice, decimal Amount)[] allocations, CancellationToken ct)
    {
        var payment = new Payment(await NextAsync(DocumentPrefixes.Payment, ct), customer.Id, receivedAtUtc, method, amount, reference,
            PaymentStatus.Succeeded, staffUserId, portalUserId);
        foreach (var (invoice, part) in allocations) Ensure(payment.AllocateToInvoice(invoice.Id, part));
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        foreach (var (invoice, _) in allocations)
        {
            var paid = await db.PaymentAllocations.Where(a => a.InvoiceId == invoice.Id)
                .Join(db.Payments, a => a.PaymentId, p => p.Id, (a, p) => new AllocatedPayment(a.Amount, p.ReceivedAtUtc, p.PaidByPortalUserId != null))
                .ToListAsync(ct);
            invoice.ApplyPayments(InvoicePayments.Of(paid), _today);
        }
        return payment;
    }

    private async Task AddPicturesAsync(DemoCustomers c, DemoWork work, CancellationToken ct)
    {
        AddPicture(c.Martinez, work.WaterHeater, after: false, 11, "Old tank: rusted at the base and leaking.", -27);
        AddPicture(c.Martinez, work.WaterHeater, after: true, 12, "New tankless unit installed and tested.", -26);
        AddPicture(c.Harborview, work.ClinicRoughIn, after: false, 21, "Utility closet before phase 1: the old heater was leaking onto the slab.", -28);
        await db.SaveChangesAsync(ct);
    }

    private async Task StorePicturesAsync(CancellationToken ct)
    {
        foreach (var (after, seed) in Pictures)
        {
            var (full, thumbnail) = DemoPictures.Draw(after, seed);
            var stored = await files.SaveAsync(full, ".jpg", ct);
            _savedFiles.Add(stored);
            var thumb = await files.SaveAsync(thumbnail, ".jpg", ct);
            _savedFiles.Add(thumb);
            _pictures[seed] = new StoredPicture(stored, thumb, full.Length);
        }
    }

    private void AddPicture(Customer customer, Job job, bool after, int seed, string caption, int day)
    {
        var (stored, thumb, length) = _pictures[seed];
        var name = $"{job.Number.ToLowerInvariant()}-{(after ? "after" : "before")}.jpg";
        db.Attachments.Add(new Attachment(customer.Id, new AttachmentOwner(AttachmentOwnerKind.Job, job.Id), AttachmentKind.Picture, name, "image/jpeg",
            length, stored, thumb, DemoPictures.Width, DemoPictures.Height, Local(day, after ? 15 : 9), job.Visits.FirstOrDefault()?.TechnicianName ?? "Marcus Lee")
        {
            Tag = after ? PictureTag.After : PictureTag.Before,
            VisibleToCustomer = true,
            Caption = caption,
        });
    }

    private async Task AddMessagesAsync(DemoCustomers c, DemoUsers users, DemoWork work, StaffUser admin, CancellationToken ct)
    {
        var olivia = new MessageAuthor(MessageAuthorKind.Customer, users.Olivia.Name, null, users.Olivia.Id);
        var ben = new MessageAuthor(MessageAuthorKind.Customer, users.Ben.Name, null, users.Ben.Id);
        var dana = new MessageAuthor(MessageAuthorKind.Staff, admin.Name, admin.Id, null);

        var tuneUp = new MessageThread(c.Martinez.Id, ThreadSubject.Job, work.AcTuneUp.Id, Local(-2, 18));
        var filtration = await db.Estimates.SingleAsync(e => e.CustomerId == c.Martinez.Id && e.Title == "Whole-home water filtration", ct);
        var question = new MessageThread(c.Martinez.Id, ThreadSubject.Estimate, filtration.Id, Local(-3, 21));
        var phaseOne = await db.Invoices.SingleAsync(i => i.CustomerId == c.Harborview.Id && i.JobId == work.ClinicRoughIn.Id, ct);
        var invoiceThread = new MessageThread(c.Harborview.Id, ThreadSubject.Invoice, phaseOne.Id, Local(-12, 11, 30));
        var general = new MessageThread(c.Martinez.Id, ThreadSubject.General, null, Local(-1, 19), "Thermostat upgrade");
        db.MessageThreads.AddRange(tuneUp, question, invoiceThread, general);
        await db.SaveChangesAsync(ct);

        // Each message is stored on its own, as in the app, so ids follow the conversation.
        async Task<Message> Post(MessageThread thread, MessageAuthor author, string body, DateTime at, bool note = false)
        {
            var message = thread.Post(author, body, Guid.NewGuid(), at, note);
            await db.SaveChangesAsync(ct);
            thread.Stored(message);
            return message;
        }
        void Read(MessageThread thread, ThreadParticipant participant, Message message, DateTime at)
        {
            participant.ReadUpTo(message.Id, at);
            db.ThreadParticipants.Add(participant);
        }

        var ask = await Post(tuneUp, olivia, "Hi! Could the technician come after 10 on the day of the tune-up? We have school drop-off first.", Local(-2, 18, 4));
        var answer = await Post(tuneUp, dana, "No problem, Olivia. Priya will arrive between 10 and 10:30 and will text when she is on the way.", Local(-1, 8, 15));
        await Post(tuneUp, dana, "Olivia prefers texts over calls; Priya has her mobile.", Local(-1, 8, 16), note: true);
        await Post(tuneUp, olivia, "Perfect, thank you!", Local(-1, 12, 2));
        Read(tuneUp, ThreadParticipant.ForStaff(tuneUp.Id, admin.Id), ask, Local(-1, 8));
        Read(tuneUp, ThreadParticipant.ForPortalUser(tuneUp.Id, users.Olivia.Id), answer, Local(-1, 12));

        var softener = await Post(question, olivia, "Does the filtration system also soften the water, or is that a separate unit?", Local(-3, 21, 30));
        await Post(question, dana, "It removes chlorine, sediment and taste but does not soften. A softener can go on the same bypass loop; happy to add it as an option.", Local(-2, 9, 20));
        Read(question, ThreadParticipant.ForStaff(question.Id, admin.Id), softener, Local(-2, 9));

        var check = await Post(invoiceThread, ben, "We mailed a check for $4,000 today; the rest will follow when phase 2 is signed off.", Local(-12, 11, 30));
        var thanks = await Post(invoiceThread, dana, "Thanks Ben, the check arrived and is applied to the invoice.", Local(-11, 9));
        Read(invoiceThread, ThreadParticipant.ForStaff(invoiceThread.Id, admin.Id), check, Local(-12, 14));
        Read(invoiceThread, ThreadParticipant.ForPortalUser(invoiceThread.Id, users.Ben.Id), thanks, Local(-11, 10));

        await Post(general, olivia, "We are thinking about a smart thermostat for the upstairs zone. Do you install those, and which brands do you recommend?", Local(-1, 19, 5));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Work requests in three states: a new one with a photo, one made into the draft fan estimate, one declined with a message.</summary>
    private async Task AddRequestsAsync(DemoCustomers c, DemoUsers users, StaffUser admin, CancellationToken ct)
    {
        var sink = new ServiceRequest(await NextAsync(DocumentPrefixes.Request, ct), c.Martinez.Id, users.Olivia.Id, ServiceRequestSource.Portal,
            new ServiceRequestDetails("Repair", "Kitchen sink draining slowly",
                "The kitchen sink takes minutes to drain and gurgles when the dishwasher runs. We tried a plunger, no luck.",
                c.Martinez.PrimaryAddress?.Id, c.Martinez.PrimaryAddress?.Address ?? Address.Empty, Day(3), "Morning (8–12)", Day(4), "Afternoon (12–5)",
                ContactMethod.Text, users.Olivia.Name, users.Olivia.Email, "(512) 555-0131"), false, Local(-1, 20, 40));
        var fan = new ServiceRequest(await NextAsync(DocumentPrefixes.Request, ct), c.Chen.Id, null, ServiceRequestSource.PublicForm,
            new ServiceRequestDetails("Installation", "Replace both bathroom fans",
                "Both bathroom fans are loud and the upstairs one barely pulls air. We would like quieter ones with a humidity sensor.",
                c.Chen.PrimaryAddress?.Id, c.Chen.PrimaryAddress?.Address ?? Address.Empty, Day(7), "Any time", null, "",
                ContactMethod.Email, "Wei Chen", "wei.chen@example.com", "(737) 555-0118"), false, Local(-2, 17, 15));
        var door = new ServiceRequest(await NextAsync(DocumentPrefixes.Request, ct), c.Okafor.Id, null, ServiceRequestSource.PublicForm,
            new ServiceRequestDetails("Repair", "Garage door opener stopped working",
                "The opener hums but the door does not move. The chain looks fine.",
                c.Okafor.PrimaryAddress?.Id, c.Okafor.PrimaryAddress?.Address ?? Address.Empty, Day(-3), "After 3 pm", null, "",
                ContactMethod.Phone, "Samuel Okafor", "samuel.okafor@example.com", "(512) 555-0186"), false, Local(-6, 9, 30));
        db.ServiceRequests.AddRange(sink, fan, door);
        await db.SaveChangesAsync(ct);

        var sinkPicture = _pictures[31];
        db.Attachments.Add(new Attachment(c.Martinez.Id, new AttachmentOwner(AttachmentOwnerKind.ServiceRequest, sink.Id), AttachmentKind.Picture,
            "sink.jpg", "image/jpeg", sinkPicture.Length, sinkPicture.Name, sinkPicture.Thumbnail, DemoPictures.Width, DemoPictures.Height, Local(-1, 20, 40), users.Olivia.Name)
        {
            VisibleToCustomer = true,
        });

        var fanEstimate = await db.Estimates.SingleAsync(e => e.CustomerId == c.Chen.Id && e.Title == "Bathroom exhaust fan replacement", ct);
        fan.StartReview(Local(-1, 8, 50));
        Ensure(fan.ConvertToEstimate(fanEstimate.Id, admin.Name, Local(-1, 10)));

        const string reason = "Thank you for asking, Samuel. We are plumbers and do not repair garage doors; a garage door company will be able to help you quickly.";
        door.StartReview(Local(-5, 8));
        Ensure(door.Decline(reason, admin.Name, Local(-5, 8, 20)));
        var thread = new MessageThread(c.Okafor.Id, ThreadSubject.Request, door.Id, Local(-5, 8, 20));
        db.MessageThreads.Add(thread);
        await db.SaveChangesAsync(ct);
        var message = thread.Post(new MessageAuthor(MessageAuthorKind.Staff, admin.Name, admin.Id, null), reason, Guid.NewGuid(), Local(-5, 8, 20));
        await db.SaveChangesAsync(ct);
        thread.Stored(message);
        await db.SaveChangesAsync(ct);
    }

    private Task<string> NextAsync(string prefix, CancellationToken ct) => DocumentNumbers.NextAsync(db, prefix, ct);

    private DateOnly Day(int offset) => _today.AddDays(offset);

    /// <summary>A company-local time on a day relative to the first run, as UTC.</summary>
    private DateTime Local(int dayOffset, int hour, int minute = 0)
    {
        var local = Day(dayOffset).ToDateTime(new TimeOnly(0, 0)).AddHours(hour).AddMinutes(minute);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _company.TimeZone);
    }

    private static T Ensure<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"Demo data could not be created: {result.Message}");

    private sealed record StoredPicture(string Name, string Thumbnail, int Length);

    private static void Ensure(Result result)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Demo data could not be created: {result.Message}");
    }
}
