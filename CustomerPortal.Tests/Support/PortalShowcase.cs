using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Projects;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CustomerPortal.Tests.Support;

/// <summary>A customer with believable records (two jobs with visits and before/after pictures, a project, documents, payments) for screenshots.</summary>
public sealed record Showcase(Customer Customer, PortalUser User, int JobId, int ProjectId, int PaymentId, int InvoiceId);

public static class PortalShowcase
{
    private static readonly Actor Staff = Actor.Staff(1, "Sam Staff", StaffRole.Staff);

    public static async Task<Showcase> CreateAsync(PortalAppFactory app)
    {
        var services = app.Services;
        await using var db = await app.CreateDbContextAsync();
        var customer = TestRecords.NewCustomer("Morgan", "Lee", "", TestAccounts.UniqueEmail("morgan"), DateTime.UtcNow, "(555) 010-4477");
        customer.AddServiceAddress("Home", new("742 Evergreen Terrace", "", "Springfield", "IL", "62704"), "");
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var user = await TestAccounts.CreatePortalUserAsync(app, customer.Id);

        var jobs = services.GetRequiredService<JobService>();
        var projects = services.GetRequiredService<ProjectService>();
        var projectId = (await projects.CreateAsync(Staff, new ProjectInput(customer.Id, "Kitchen remodel",
            "New cabinets, counters and lighting. We work in three stages and keep the kitchen usable at the weekends.",
            ProjectStatus.InProgress, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), ""), default)).Value;
        await projects.SetCompletionAsync(Staff, projectId, 60, default);

        var heater = (await jobs.CreateAsync(Staff, new JobInput(customer.Id, "Replace water heater",
            "Remove the old 40-gallon tank, fit a new 50-gallon high-efficiency unit and a new expansion tank.\nOld unit is taken away.",
            Address.Empty, projectId, "Customer prefers mornings."), default)).Value;
        var today = DateTime.UtcNow.Date;
        var first = (await jobs.ScheduleVisitAsync(Staff, heater, new VisitInput(today.AddDays(-2).AddHours(9), today.AddDays(-2).AddHours(11), "Alex Rivera"), default)).Value;
        await jobs.ChangeVisitStatusAsync(Staff, first, VisitStatus.Completed, default);
        await jobs.ScheduleVisitAsync(Staff, heater, new VisitInput(today.AddDays(3).AddHours(9), today.AddDays(3).AddHours(12).AddMinutes(30), "Alex Rivera"), default);
        await jobs.ChangeStatusAsync(Staff, heater, JobStatus.InProgress, default);

        var cabinets = (await jobs.CreateAsync(Staff, new JobInput(customer.Id, "Install kitchen cabinets", "Upper and lower cabinets, soft-close hinges.",
            Address.Empty, projectId, ""), default)).Value;
        await jobs.ScheduleVisitAsync(Staff, cabinets, new VisitInput(today.AddDays(9).AddHours(8), today.AddDays(9).AddHours(16), "Jordan Kim"), default);
        var gutters = (await jobs.CreateAsync(Staff, new JobInput(customer.Id, "Clean gutters", "Front and back gutters, downspouts flushed.", Address.Empty, null, ""), default)).Value;
        await jobs.ChangeStatusAsync(Staff, gutters, JobStatus.Completed, default);

        var attachments = services.GetRequiredService<AttachmentService>();
        async Task Upload(AttachmentOwner owner, byte[] content, string name, PictureTag tag, string caption)
        {
            using var stream = new MemoryStream(content);
            var result = await attachments.UploadAsync(Staff, owner, stream, name, "", new UploadSettings(true, tag, caption), default);
            if (!result.Succeeded) throw new InvalidOperationException(result.Message);
        }
        await Upload(new(AttachmentOwnerKind.Visit, first), Scene(SKColors.SaddleBrown, SKColors.DimGray, 1600, 1200), "old-heater.jpg", PictureTag.Before, "Old tank, rusted at the base");
        await Upload(new(AttachmentOwnerKind.Visit, first), Scene(SKColors.LightSteelBlue, SKColors.White, 1600, 1200), "new-heater.jpg", PictureTag.After, "New 50-gallon unit");
        await Upload(new(AttachmentOwnerKind.Job, heater), Scene(SKColors.DarkSeaGreen, SKColors.Beige, 1200, 1600), "label.jpg", PictureTag.None, "Rating plate");
        await Upload(new(AttachmentOwnerKind.Job, heater), "%PDF-1.4\n% warranty\n"u8.ToArray(), "Warranty certificate.pdf", PictureTag.None, "");
        await Upload(new(AttachmentOwnerKind.Project, projectId), "%PDF-1.4\n% plan\n"u8.ToArray(), "Kitchen plan rev 3.pdf", PictureTag.None, "");
        await Upload(new(AttachmentOwnerKind.Project, projectId), Scene(SKColors.BurlyWood, SKColors.Ivory, 1600, 1000), "cabinet-sample.jpg", PictureTag.None, "Chosen cabinet finish");

        var estimate = await TestRecords.EstimateAsync(db, customer.Id, 4850m, "Kitchen lighting upgrade", expires: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)));
        await Upload(new(AttachmentOwnerKind.Estimate, estimate.Id), Scene(SKColors.Goldenrod, SKColors.LightYellow, 1400, 1000), "fixture.jpg", PictureTag.None, "Proposed pendant light");
        var invoice = await TestRecords.SentInvoiceAsync(db, customer.Id, 1280m, "Water heater and installation", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)), heater);
        var overdue = await TestRecords.SentInvoiceAsync(db, customer.Id, 180m, "Gutter cleaning", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)), gutters);

        var payments = services.GetRequiredService<PaymentService>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-12));
        var paymentId = (await payments.RecordAsync(Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Check, 1000m, day, "Check 2041", "",
            [AllocationInput.ToInvoice(invoice.Id, 900m)]), default)).Value;
        await payments.RecordAsync(Staff, new RecordPaymentInput(customer.Id, PaymentMethod.BankTransfer, 100m, day.AddDays(-5), "Transfer 88-1200", "",
            [AllocationInput.ToInvoice(overdue.Id, 100m)]), default);
        return new Showcase(customer, user, heater, projectId, paymentId, invoice.Id);
    }

    /// <summary>A simple picture: a coloured wall and a box in front of it, so thumbnails look like photos of something.</summary>
    private static byte[] Scene(SKColor wall, SKColor thing, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(wall);
            using var floor = new SKPaint { Color = SKColors.Gray.WithAlpha(160) };
            canvas.DrawRect(0, height * 0.75f, width, height * 0.25f, floor);
            using var paint = new SKPaint { Color = thing, IsAntialias = true };
            canvas.DrawRoundRect(width * 0.35f, height * 0.2f, width * 0.3f, height * 0.6f, 40, 40, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
