using System.Globalization;
using CustomerPortal.Core;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CustomerPortal.Benchmarks;

/// <summary>How much data a <see cref="ScaleDatabase"/> holds. The default is the size the issues set goals at.</summary>
public sealed record ScaleSize(int Customers = 50_000, int Invoices = 500_000)
{
    public int PortalUsers => Customers * 2;
    public int Jobs => Invoices * 3 / 10;
    public int Estimates => Invoices / 5;
    public int Threads => Customers;
    public int Reviews => Customers / 2;
    public int Requests => Customers / 5;
    public int OutboxMessages => Invoices / 2;
    public int PortalSignIns => Invoices / 2;
    public string Key => $"c{Customers}-i{Invoices}-v1";
}

/// <summary>
/// An SQLite database at scale for benchmarks: customers, portal users, staff, jobs with visits, estimates, invoices,
/// payments with allocations, message threads, reviews, work requests, outbox messages and portal sign-ins spread over
/// the three years before <see cref="Now"/>, written by raw SQL (minutes through EF, about a minute this way) and kept
/// as a template under the temp folder, so later runs only copy it. The Core services are registered as the app does
/// (AddCore) over a copy, with a clock standing at <see cref="Now"/>.
/// Use: <c>await using var data = await ScaleDatabase.OpenAsync(); var service = data.Get&lt;XyzService&gt;();</c>
/// </summary>
public sealed class ScaleDatabase : IAsyncDisposable
{
    /// <summary>A Monday, noon in the company's time zone (America/New_York).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    public const string TimeZoneId = "America/New_York";
    public const int StaffCount = 12;

    /// <summary>Staff user 1, an admin (insights, settings).</summary>
    public static readonly Actor Admin = Actor.Staff(1, "Staff 1", StaffRole.Admin);

    /// <summary>Staff user 2, not an admin.</summary>
    public static readonly Actor Staff = Actor.Staff(2, "Staff 2", StaffRole.Staff);

    private readonly ServiceProvider _services;

    private ScaleDatabase(ServiceProvider services, string folder, ScaleSize size)
    {
        _services = services;
        Folder = folder;
        Size = size;
    }

    public string Folder { get; }
    public ScaleSize Size { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<PortalDbContext> DbAsync() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public static async Task<ScaleDatabase> OpenAsync(ScaleSize? size = null)
    {
        size ??= new ScaleSize();
        return await OpenCopyAsync(await TemplateAsync(size), size);
    }

    /// <summary>A copy of a database file made by this class (perhaps by an older schema: it is migrated on opening).</summary>
    public static async Task<ScaleDatabase> OpenCopyAsync(string template, ScaleSize? size = null)
    {
        size ??= new ScaleSize();
        var folder = Path.Combine(Path.GetTempPath(), "cp-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(template, Path.Combine(folder, "scale.db"));
        var services = Services(folder);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new ScaleDatabase(services, folder, size);
    }

    /// <summary>Builds (or reuses) the default database and writes the row count of each table it fills.</summary>
    public static async Task PrintSummaryAsync(TextWriter output)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var data = await OpenAsync();
        output.WriteLine($"Scale database ready in {started.Elapsed.TotalSeconds:0.0} s (now {Now:u}, time zone {TimeZoneId})");
        await using var db = await data.DbAsync();
        foreach (var table in new[] { "Customers", "PortalUsers", "StaffUsers", "Jobs", "Visits", "Estimates", "Invoices", "Payments",
                     "PaymentAllocations", "MessageThreads", "Messages", "Reviews", "ServiceRequests", "OutboxMessages", "AuditEvents", "SearchIndex" })
        {
            var sql = "SELECT COUNT(*) AS Value FROM " + table; // table names from the list above, not input
            var count = await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
            output.WriteLine($"{table,-20} {count,10:N0}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
    }

    private static ServiceProvider Services(string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = folder,
            ["Database:SqliteFileName"] = "scale.db",
            ["Database:MigrateOnStartup"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new BenchmarkHostEnvironment(folder));
        services.AddCore(configuration);
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        return services.BuildServiceProvider();
    }

    /// <summary>The template file for <paramref name="size"/>, made once per schema (the newest migration is in its name).</summary>
    private static async Task<string> TemplateAsync(ScaleSize size)
    {
        var root = Path.Combine(Path.GetTempPath(), "cp-bench", "templates");
        Directory.CreateDirectory(root);
        // The SQLite set's newest (the PostgreSQL set lives in its own namespace below it).
        var migration = typeof(PortalDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))
                && t.Namespace == "CustomerPortal.Core.Data.Migrations")
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().Single().Id)
            .Max();
        var file = Path.Combine(root, $"scale-{size.Key}-{migration}.db");
        if (File.Exists(file)) return file;

        var building = Path.Combine(root, $"building-{Guid.NewGuid():N}");
        Directory.CreateDirectory(building);
        await using (var services = Services(building))
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var company = new CompanySettings();
            company.ChangeCurrencyAndTimeZone("USD", TimeZoneId);
            company.UpdateBranding("Scale Plumbing & Heating", "#1565c0");
            db.CompanySettings.Add(company);
            await db.SaveChangesAsync();
        }
        SqliteConnection.ClearAllPools();
        var built = Path.Combine(building, "scale.db");
        using (var writer = new ScaleWriter(built, size)) writer.Write();
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={built}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            // One file to copy: the WAL folded in.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        File.Move(built, file, overwrite: true);
        Directory.Delete(building, recursive: true);
        return file;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class BenchmarkHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "CustomerPortal.Benchmarks";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>Writes the rows of a <see cref="ScaleDatabase"/> with prepared commands in one transaction.</summary>
internal sealed class ScaleWriter(string file, ScaleSize size) : IDisposable
{
    private readonly Random _random = new(20261203);
    private static readonly DateTime End = ScaleDatabase.Now.UtcDateTime;
    private static readonly DateTime Start = End.AddYears(-3);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ScaleDatabase.TimeZoneId);

    private SqliteConnection _connection = null!;
    private SqliteTransaction _transaction = null!;

    private readonly List<int> _customerOfPortalUser = [0];
    private readonly List<List<int>> _portalUsersOfCustomer = [];
    private readonly List<(int Customer, DateTime Created)> _jobs = [(0, default)];

    public void Write()
    {
        _connection = new SqliteConnection($"Data Source={file}");
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // The writer knows its ids are consistent; checking every foreign key would only slow it down (threads are
            // written after their messages, so the thread row can carry its last message ids).
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;";
            pragma.ExecuteNonQuery();
        }
        _transaction = _connection.BeginTransaction();
        WriteStaff();
        WriteCustomers();
        WritePortalUsers();
        WriteJobsAndVisits();
        WriteEstimates();
        WriteInvoicesAndPayments();
        WriteThreads();
        WriteReviews();
        WriteRequests();
        WriteOutbox();
        WriteSignIns();
        Execute($"""
            UPDATE DocumentNumberSequences SET NextValue = CASE Prefix
                WHEN 'INV' THEN {size.Invoices + 1001} WHEN 'EST' THEN {size.Estimates + 1001} WHEN 'JOB' THEN {size.Jobs + 1001}
                WHEN 'PAY' THEN {size.Invoices * 2 + 1001} WHEN 'REQ' THEN {size.Requests + 1001} ELSE NextValue END;
            """);
        // No ANALYZE: the app never runs one, so the planner works without statistics here too.
        _transaction.Commit();
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection?.Dispose();
    }

    private void WriteStaff()
    {
        using var account = Command("""
            INSERT INTO AspNetUsers (Id, Kind, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash,
                SecurityStamp, ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnd, LockoutEnabled, AccessFailedCount)
            VALUES ($id, 'Staff', $email, upper($email), $email, upper($email), 1, NULL, $stamp, $stamp, NULL, 0, 0, NULL, 1, 0)
            """, "$id", "$email", "$stamp");
        using var staff = Command("""
            INSERT INTO StaffUsers (AccountId, Name, Email, Role, IsActive, CreatedAtUtc, LastSignInAtUtc, EmailsAboutUnassignedMessages)
            VALUES ($account, $name, $email, $role, 1, $created, $created, 0)
            """, "$account", "$name", "$email", "$role", "$created");
        for (var i = 1; i <= ScaleDatabase.StaffCount; i++)
        {
            var id = $"scale-staff-{i}";
            var email = $"staff{i}@scale.test";
            account.Run(id, email, Guid.NewGuid().ToString("N"));
            staff.Run(id, $"Staff {i}", email, i == 1 ? (int)StaffRole.Admin : (int)StaffRole.Staff, Stored(Start));
        }
    }

    private void WriteCustomers()
    {
        using var customer = Command("""
            INSERT INTO Customers (FirstName, LastName, CompanyName, DisplayName, Email, Phone, SearchText, InternalNotes,
                EmailNotifications, SmsNotifications, MarketingOptIn, PortalEnabled, PortalIdentifier, ModuleOverrides,
                IsArchived, CreatedAtUtc, UpdatedAtUtc, Version)
            VALUES ($first, $last, $company, $display, $email, $phone, $search, $notes, 1, 0, $marketing, $portal, $identifier,
                NULL, $archived, $created, $created, 0)
            """, "$first", "$last", "$company", "$display", "$email", "$phone", "$search", "$notes", "$marketing", "$portal",
            "$identifier", "$archived", "$created");
        var step = (End - Start).TotalMinutes / size.Customers;
        _portalUsersOfCustomer.Add([]);
        for (var i = 1; i <= size.Customers; i++)
        {
            var first = Pick(ScaleNames.First);
            var last = Pick(ScaleNames.Last);
            var company = _random.Next(3) == 0 ? $"{last} {Pick(ScaleNames.Trades)} {Pick(ScaleNames.Suffixes)}" : "";
            var display = company.Length > 0 ? company : $"{first} {last}";
            var email = $"{first}.{last}{i}@{Pick(ScaleNames.Domains)}".ToLowerInvariant();
            var phone = $"({_random.Next(200, 990)}) 555-{_random.Next(0, 10000):0000}";
            customer.Run(first, last, company, display, email, phone, CustomerSearch.TextFor(first, last, company, email, phone),
                _random.Next(4) == 0 ? "Gate code 1234. Dog in the yard; call before arriving." : "", _random.Next(2),
                _random.Next(10) == 0 ? 0 : 1, $"{Customer.SlugFrom(display)}-{i}", _random.Next(20) == 0 ? 1 : 0,
                Stored(Start.AddMinutes(i * step)));
            _portalUsersOfCustomer.Add([]);
        }
    }

    private void WritePortalUsers()
    {
        using var user = Command("""
            INSERT INTO PortalUsers (CustomerId, AccountId, Email, Name, Status, LoginMode, Modules, CanPay, CanAcceptEstimates,
                CanSubmitRequests, InvitedAtUtc, RegisteredAtUtc, LastSignInAtUtc, LockedAtUtc, StatusBeforeLock, Version, Phone)
            VALUES ($customer, NULL, $email, $name, $status, 0, NULL, 1, 1, 1, $invited, $registered, $registered, NULL, NULL, 0, '')
            """, "$customer", "$email", "$name", "$status", "$invited", "$registered");
        var step = (End - Start).TotalMinutes / size.PortalUsers;
        for (var i = 1; i <= size.PortalUsers; i++)
        {
            var customer = _random.Next(1, size.Customers + 1);
            var invited = Start.AddMinutes(i * step);
            // Most invited people register within days; a third never do (the staff home lists those).
            var registered = _random.Next(3) == 0 ? (DateTime?)null : invited.AddHours(_random.Next(1, 24 * 14));
            if (registered > End) registered = null;
            user.Run(customer, $"portal{i}@scale.test", $"{Pick(ScaleNames.First)} {Pick(ScaleNames.Last)}",
                registered is null ? 0 : 1, Stored(invited), Stored(registered));
            _customerOfPortalUser.Add(customer);
            _portalUsersOfCustomer[customer].Add(i);
        }
        // What registration keeps on the customer.
        Execute("""
            UPDATE Customers SET PortalJoinedAtUtc = (SELECT MIN(RegisteredAtUtc) FROM PortalUsers WHERE PortalUsers.CustomerId = Customers.Id)
            """);
    }

    private void WriteJobsAndVisits()
    {
        using var job = Command("""
            INSERT INTO Jobs (Number, CustomerId, ProjectId, EstimateId, Title, Description, Status, InternalNotes, CreatedAtUtc,
                CompletedAtUtc, ServiceAddress_City, ServiceAddress_Line1, ServiceAddress_Line2, ServiceAddress_PostalCode,
                ServiceAddress_Region, ReviewRequestedAtUtc)
            VALUES ($number, $customer, NULL, NULL, $title, '', $status, '', $created, $completed, 'Springfield', $line1, '', '62704', 'IL', NULL)
            """, "$number", "$customer", "$title", "$status", "$created", "$completed", "$line1");
        using var visit = Command("""
            INSERT INTO Visits (JobId, ScheduledStartUtc, ScheduledEndUtc, TechnicianName, Status, Notes)
            VALUES ($job, $start, $end, $tech, $status, '')
            """, "$job", "$start", "$end", "$tech", "$status");
        var step = (End - Start).TotalMinutes / size.Jobs;
        for (var i = 1; i <= size.Jobs; i++)
        {
            var customer = _random.Next(1, size.Customers + 1);
            var created = Start.AddMinutes(i * step);
            // A visit up to two weeks after the job was made: the newest jobs give today's and tomorrow's visits.
            var visitDay = LocalDay(created.AddDays(_random.Next(0, 15)));
            var visitStart = Utc(visitDay, 8 + _random.Next(0, 9), _random.Next(4) * 15);
            var done = visitStart.AddHours(3) < End;
            var status = done ? (_random.Next(40) == 0 ? "Cancelled" : "Completed") : "Scheduled";
            job.Run($"JOB-{1000 + i}", customer, $"{Pick(ScaleNames.JobTitles)} at {Pick(ScaleNames.Streets)}", status, Stored(created),
                done && status == "Completed" ? Stored(visitStart.AddHours(3)) : null, $"{_random.Next(1, 999)} {Pick(ScaleNames.Streets)}");
            visit.Run(i, Stored(visitStart), Stored(visitStart.AddHours(2)), Pick(ScaleNames.Technicians),
                done ? (status == "Cancelled" ? "Cancelled" : "Completed") : "Scheduled");
            _jobs.Add((customer, created));
        }
    }

    private void WriteEstimates()
    {
        using var estimate = Command("""
            INSERT INTO Estimates (Number, CustomerId, ProjectId, Title, Terms, InternalNotes, Status, CreatedAtUtc, SentAtUtc, ViewedAtUtc,
                ExpiresOn, DiscountKind, DiscountValue, Subtotal, DiscountTotal, TaxTotal, Total, DepositRequired, DepositPaid,
                AcceptedName, AcceptedAtUtc, AcceptedFromIp, AcceptedUserAgent, AcceptedByPortalUserId, DeclinedAtUtc, DeclineReason,
                ConvertedJobId, Version, ReminderSentAtUtc)
            VALUES ($number, $customer, NULL, $title, '', '', $status, $created, $sent, $viewed, $expires, 'None', 0, $total, 0, 0, $total,
                0, 0, $acceptedName, $accepted, NULL, NULL, NULL, $declined, '', NULL, 0, NULL)
            """, "$number", "$customer", "$title", "$status", "$created", "$sent", "$viewed", "$expires", "$total", "$acceptedName",
            "$accepted", "$declined");
        var step = (End - Start).TotalMinutes / size.Estimates;
        for (var i = 1; i <= size.Estimates; i++)
        {
            var customer = _random.Next(1, size.Customers + 1);
            var created = Start.AddMinutes(i * step);
            var draft = _random.Next(30) == 0;
            DateTime? sent = draft ? null : Min(created.AddHours(_random.Next(0, 48)), End);
            var expires = sent is { } s ? LocalDay(s).AddDays(30) : (DateOnly?)null;
            DateTime? answered = sent?.AddHours(_random.Next(1, 24 * 21));
            var roll = _random.Next(100);
            string status;
            DateTime? accepted = null, declined = null;
            if (draft) status = "Draft";
            else if (answered < End && roll < 58) { status = "Accepted"; accepted = answered; }
            else if (answered < End && roll < 75) { status = "Declined"; declined = answered; }
            else if (expires < LocalDay(End)) status = "Expired";
            else status = roll % 2 == 0 ? "Viewed" : "Sent";
            estimate.Run($"EST-{1000 + i}", customer, $"{Pick(ScaleNames.JobTitles)} (estimate)", status, Stored(created), Stored(sent),
                status == "Viewed" ? Stored(sent!.Value.AddHours(2)) : null, expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Money(_random.Next(150, 25_000)), accepted is null ? null : "Pat Customer", Stored(accepted), Stored(declined));
        }
    }

    private void WriteInvoicesAndPayments()
    {
        using var invoice = Command("""
            INSERT INTO Invoices (Number, CustomerId, JobId, EstimateId, Title, Terms, InternalNotes, Status, IssueDate, DueDate,
                CreatedAtUtc, SentAtUtc, ViewedAtUtc, VoidedAtUtc, VoidReason, DiscountKind, DiscountValue, Subtotal, DiscountTotal,
                TaxTotal, Total, AmountPaid, AmountDue, Version, ReminderSentAtUtc, PaidAtUtc, PaidThroughPortal)
            VALUES ($number, $customer, $job, NULL, $title, '', '', $status, $issue, $due, $created, $sent, NULL, $voided, $voidReason,
                'None', 0, $subtotal, 0, $tax, $total, $paid, $amountDue, 0, NULL, $paidAt, $portal)
            """, "$number", "$customer", "$job", "$title", "$status", "$issue", "$due", "$created", "$sent", "$voided", "$voidReason",
            "$subtotal", "$tax", "$total", "$paid", "$amountDue", "$paidAt", "$portal");
        using var payment = Command("""
            INSERT INTO Payments (Amount, Currency, CustomerId, FailureMessage, ForEstimateId, ForInvoiceId, IdempotencyKey, Method,
                NeedsReview, Notes, Number, PaidByPortalUserId, ProcessorPaymentId, ProcessorStatus, Purpose, ReceivedAtUtc,
                RecordedByStaffUserId, Reference, ReviewNote, Status)
            VALUES ($amount, '', $customer, '', NULL, $for, NULL, $method, 0, '', $number, $portalUser, NULL, '', $purpose, $received,
                $staff, $reference, '', 'Succeeded')
            """, "$amount", "$customer", "$for", "$method", "$number", "$portalUser", "$purpose", "$received", "$staff", "$reference");
        using var allocation = Command("INSERT INTO PaymentAllocations (PaymentId, InvoiceId, EstimateId, Amount) VALUES ($payment, $invoice, NULL, $amount)",
            "$payment", "$invoice", "$amount");
        var step = (End - Start).TotalMinutes / size.Invoices;
        var payments = 0;
        var today = LocalDay(End);
        for (var i = 1; i <= size.Invoices; i++)
        {
            var jobNumber = _random.Next(1, _jobs.Count);
            var customer = _random.Next(2) == 0 ? _jobs[jobNumber].Customer : _random.Next(1, size.Customers + 1);
            int? jobId = customer == _jobs[jobNumber].Customer ? jobNumber : null;
            var created = Start.AddMinutes(i * step);
            var issue = LocalDay(created);
            var due = issue.AddDays(_random.Next(3) == 0 ? 14 : 30);
            var subtotal = _random.Next(80, 6_000) + _random.Next(100) / 100m;
            var tax = Math.Round(subtotal * 0.0725m, 2);
            var total = subtotal + tax;
            var roll = _random.Next(1000);
            var draft = created > End.AddDays(-10) && roll < 30;
            var voided = !draft && roll >= 990;
            // Online payment grew over the three years: a quarter at the start, over half by the end.
            var throughPortal = _random.NextDouble() < 0.25 + 0.35 * (created - Start).TotalDays / (End - Start).TotalDays;
            // Days to pay: most within the terms, card payers sooner, a long tail of late payers.
            var days = _random.Next(10) == 0 ? _random.Next(30, 120) : _random.Next(0, throughPortal ? 12 : 35);
            var paidAt = draft || voided ? (DateTime?)null : created.AddDays(days).AddMinutes(_random.Next(600));
            if (paidAt > End) paidAt = null;
            var partPaid = paidAt is null && !draft && !voided && _random.Next(6) == 0 ? Math.Round(total / 3, 2) : 0m;
            var paid = paidAt is null ? partPaid : total;
            var status = draft ? "Draft" : voided ? "Void" : paid == total ? "Paid" : due < today ? "Overdue" : partPaid > 0 ? "PartiallyPaid" : "Sent";
            invoice.Run($"INV-{1000 + i}", customer, jobId, $"{Pick(ScaleNames.JobTitles)}", status,
                issue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Stored(created), draft ? null : Stored(created), voided ? Stored(created.AddDays(2)) : null, voided ? "Billed twice" : "",
                Money(subtotal), Money(tax), Money(total), Money(paid), Money(total - paid), Stored(paidAt), paidAt is not null && throughPortal ? 1 : 0);

            if (paid == 0) continue;
            var portalUsers = _portalUsersOfCustomer[customer];
            var byPortal = throughPortal && portalUsers.Count > 0;
            var received = paidAt ?? created.AddDays(days / 2.0);
            if (received > End) received = End.AddHours(-1);
            payments++;
            payment.Run(Money(paid), customer, byPortal ? i : null, byPortal ? "Card" : Pick(ManualMethods), $"PAY-{1000 + payments}",
                byPortal ? portalUsers[_random.Next(portalUsers.Count)] : null, byPortal ? "Invoice" : "Manual", Stored(received),
                byPortal ? null : _random.Next(1, ScaleDatabase.StaffCount + 1), byPortal ? "Visa •••• 4242" : $"Check {_random.Next(1000, 9999)}");
            allocation.Run(payments, i, Money(paid));
        }
    }

    private static readonly string[] ManualMethods = ["Check", "Check", "Cash", "BankTransfer", "Card"];

    private void WriteThreads()
    {
        using var thread = Command("""
            INSERT INTO MessageThreads (AssignedStaffUserId, CreatedAtUtc, CustomerId, DoneAtUtc, LastCustomerMessageId, LastMessageAtUtc,
                LastMessageId, LastPublicMessageId, Preview, SubjectId, SubjectKind, Topic, WaitingSinceUtc)
            VALUES ($assigned, $created, $customer, $done, $lastCustomer, $lastAt, $last, $lastPublic, $preview, $subject, 'Job', '', $waiting)
            """, "$assigned", "$created", "$customer", "$done", "$lastCustomer", "$lastAt", "$last", "$lastPublic", "$preview", "$subject", "$waiting");
        using var message = Command("""
            INSERT INTO Messages (AuthorKind, AuthorName, Body, ClientMessageId, IsInternalNote, PortalUserId, SentAtUtc, StaffUserId, ThreadId,
                AnsweredWaitSinceUtc)
            VALUES ($kind, $name, $body, $client, $internal, $portalUser, $sent, $staff, $thread, $answered)
            """, "$kind", "$name", "$body", "$client", "$internal", "$portalUser", "$sent", "$staff", "$thread", "$answered");
        long messageId = 0;
        // One thread on each of the newest jobs, so the newest threads are the ones still waiting for a reply.
        var firstJob = Math.Max(1, _jobs.Count - size.Threads);
        var threadId = 0;
        for (var jobId = firstJob; jobId < _jobs.Count; jobId++)
        {
            var (customer, created) = _jobs[jobId];
            threadId++;
            var at = created.AddHours(_random.Next(1, 48));
            long? lastCustomer = null, lastPublic = null;
            DateTime? waitingSince = null;
            var preview = "";
            var portalUsers = _portalUsersOfCustomer[customer];
            var count = _random.Next(1, 9);
            for (var m = 0; m < count && at < End; m++)
            {
                var fromCustomer = m % 2 == 0;
                var staff = _random.Next(1, ScaleDatabase.StaffCount + 1);
                var note = !fromCustomer && _random.Next(12) == 0;
                var body = fromCustomer ? Pick(ScaleNames.CustomerMessages) : note ? "Called them; left a voicemail." : Pick(ScaleNames.StaffReplies);
                messageId++;
                message.Run(fromCustomer ? "Customer" : "Staff", fromCustomer ? "Pat Customer" : $"Staff {staff}", body,
                    Guid.NewGuid().ToString().ToUpperInvariant(), note ? 1 : 0,
                    fromCustomer && portalUsers.Count > 0 ? portalUsers[0] : null, Stored(at), fromCustomer ? null : staff, threadId,
                    fromCustomer || note ? null : Stored(waitingSince));
                if (!note) lastPublic = messageId;
                if (fromCustomer) lastCustomer = messageId;
                if (fromCustomer) waitingSince ??= at;
                else if (!note) waitingSince = null;
                preview = body;
                // Replies come within minutes to a day; customers answer over days.
                at = fromCustomer ? at.AddMinutes(_random.Next(5, 60 * 26)) : at.AddHours(_random.Next(2, 24 * 5));
            }
            var lastAt = at > End ? End.AddMinutes(-_random.Next(1, 600)) : at;
            var done = lastPublic != lastCustomer && _random.Next(2) == 0 ? Stored(lastAt) : null;
            thread.Run(_random.Next(3) == 0 ? null : _random.Next(1, ScaleDatabase.StaffCount + 1), Stored(created), customer, done,
                lastCustomer, Stored(lastAt), messageId, lastPublic, preview, jobId, Stored(waitingSince));
        }
    }

    private void WriteReviews()
    {
        using var review = Command("""
            INSERT INTO Reviews (AuthorName, Comment, CreatedAtUtc, CustomerId, FollowedUpAtUtc, FollowedUpBy, JobId, PortalUserId,
                PublicLinkOfferedAtUtc, Rating, ReplyThreadId)
            VALUES ('Pat Customer', $comment, $created, $customer, NULL, '', $job, NULL, NULL, $rating, NULL)
            """, "$comment", "$created", "$customer", "$job", "$rating");
        for (var i = 1; i <= size.Reviews; i++)
        {
            var jobId = _random.Next(1, _jobs.Count);
            var (customer, created) = _jobs[jobId];
            var at = Min(created.AddDays(_random.Next(1, 10)), End.AddMinutes(-i % 500));
            var roll = _random.Next(100);
            var rating = roll < 62 ? 5 : roll < 84 ? 4 : roll < 92 ? 3 : roll < 96 ? 2 : 1;
            review.Run(rating >= 4 ? "Quick and tidy, thank you." : "The technician was late and did not call.", Stored(at), customer, jobId, rating);
        }
    }

    private void WriteRequests()
    {
        using var request = Command("""
            INSERT INTO ServiceRequests (AlternativeDate, AlternativeTimeWindow, Category, ContactBy, ContactEmail, ContactName, ContactPhone,
                CreatedAtUtc, CustomerId, DecidedAtUtc, DecidedBy, DeclineReason, Description, EstimateId, IsDirectWorkOrder, JobId, Number,
                PortalUserId, PreferredDate, PreferredTimeWindow, ServiceAddressId, ServiceAddress_City, ServiceAddress_Line1,
                ServiceAddress_Line2, ServiceAddress_PostalCode, ServiceAddress_Region, Source, StaffNotes, Status, Title, UpdatedAtUtc, Version)
            VALUES (NULL, '', 'Plumbing', 'Email', 'pat@scale.test', 'Pat Customer', '', $created, $customer, $decided, $decidedBy, '',
                'Water under the sink since this morning.', NULL, 0, NULL, $number, NULL, NULL, 'Morning', NULL, 'Springfield', '12 Oak Street',
                '', '62704', 'IL', 'Portal', '', $status, $title, $created, 0)
            """, "$created", "$customer", "$decided", "$decidedBy", "$number", "$status", "$title");
        var step = (End - Start).TotalMinutes / size.Requests;
        for (var i = 1; i <= size.Requests; i++)
        {
            var created = Start.AddMinutes(i * step);
            var recent = created > End.AddDays(-3);
            var status = recent ? (_random.Next(3) == 0 ? "InReview" : "New") : _random.Next(5) == 0 ? "Declined" : "Converted";
            request.Run(Stored(created), _random.Next(1, size.Customers + 1), recent ? null : Stored(created.AddHours(5)), recent ? "" : "Staff 1",
                $"REQ-{1000 + i}", status, Pick(ScaleNames.JobTitles));
        }
    }

    private void WriteOutbox()
    {
        using var outbox = Command("""
            INSERT INTO OutboxMessages (Channel, ToAddress, ToName, Subject, Body, TemplateKey, CustomerId, PortalUserId, CreatedAtUtc, Status,
                Attempts, SentAtUtc, LastError, HtmlBody, IsMarketing, LeaseExpiresAtUtc, LeaseOwner, NextAttemptAtUtc, ProviderMessageId,
                ReplyToAddress, UnsubscribeUrl)
            VALUES ('Email', $to, 'Pat Customer', 'Your invoice', 'Your invoice is ready.', 'InvoiceSent', $customer, NULL, $created, $status,
                $attempts, $sent, $error, '', 0, NULL, '', $created, '', '', '')
            """, "$to", "$customer", "$created", "$status", "$attempts", "$sent", "$error");
        var step = (End - Start).TotalMinutes / size.OutboxMessages;
        for (var i = 1; i <= size.OutboxMessages; i++)
        {
            var created = Start.AddMinutes(i * step);
            var failed = _random.Next(400) == 0;
            outbox.Run($"customer{i % size.Customers}@scale.test", _random.Next(1, size.Customers + 1), Stored(created), failed ? "Failed" : "Sent",
                failed ? 5 : 1, failed ? null : Stored(created.AddSeconds(3)), failed ? "550 Mailbox unavailable" : "");
        }
    }

    private void WriteSignIns()
    {
        using var signIn = Command("""
            INSERT INTO AuditEvents (AtUtc, ActorKind, ActorId, ActorName, Action, EntityType, EntityId, CustomerId, Details, IpAddress)
            VALUES ($at, 'Customer', $id, 'Pat Customer', $action, 'PortalUser', $id, $customer, 'Signed in by link.', '203.0.113.9')
            """, "$at", "$id", "$customer", "$action");
        var step = (End - Start).TotalMinutes / size.PortalSignIns;
        for (var i = 1; i <= size.PortalSignIns; i++)
        {
            var user = _random.Next(1, size.PortalUsers + 1);
            signIn.Run(Stored(Start.AddMinutes(i * step)), user.ToString(CultureInfo.InvariantCulture), _customerOfPortalUser[user],
                Core.Audit.AuditActions.SignedIn);
        }
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));

    private static DateTime Utc(DateOnly day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Zone);

    /// <summary>The text form EF Core's SQLite provider stores a DateTime in.</summary>
    private static string? Stored(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>What <see cref="Core.Common.MoneyColumn"/> stores.</summary>
    private static long Money(decimal amount) => (long)decimal.Round(amount * Core.Common.MoneyColumn.Scale, 0, MidpointRounding.AwayFromZero);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private PreparedInsert Command(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        var parameters = names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        command.Prepare();
        return new PreparedInsert(command, parameters);
    }

    private sealed class PreparedInsert(SqliteCommand command, SqliteParameter[] parameters) : IDisposable
    {
        public void Run(params object?[] values)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
