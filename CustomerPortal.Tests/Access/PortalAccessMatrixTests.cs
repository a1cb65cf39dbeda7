using System.Net;

namespace CustomerPortal.Tests.Access;

/// <summary>
/// For every portal page and endpoint that takes a record id (found from the app's route table, so pages added later are
/// covered without editing this test): customer A's portal user asking for customer B's record gets 404/403 and not one
/// byte of B's data, while A's own record of the same kind opens without showing the staff's internal note on it.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PortalAccessMatrixTests(WebAppFixture fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task EveryIdRoute_ForAnotherCustomersRecord_IsNotFoundAndLeaksNothing()
    {
        var routes = IdRoutes.Discover(_app);
        Assert.Contains(routes, r => r.Template.Equals("/portal/jobs/{Id:int}", StringComparison.OrdinalIgnoreCase));
        foreach (var known in new[] { "/portal/projects/{Id:int}", "/portal/payments/{Id:int}", "/files/{id:int}", "/files/{id:int}/thumb" })
            Assert.Contains(routes, r => r.Template.Equals(known, StringComparison.OrdinalIgnoreCase));

        var a = await OneOfEverything.CreateAsync(_app, "Alpha");
        var b = await OneOfEverything.CreateAsync(_app, "Bravo");
        using var client = _app.CreateHttpClient();
        var signIn = await SignIn.PortalAsync(client, a.User.Email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var problems = new List<string>();
        foreach (var route in routes)
        {
            if (b.IdFor(route.Kind) is not { } theirs || a.IdFor(route.Kind) is not { } ours)
            {
                problems.Add($"{route}: the access matrix does not know which record a '{route.Kind}' route takes; map it in CustomerBundle.IdFor.");
                continue;
            }

            var other = await client.GetAsync(route.WithId(theirs).TrimStart('/'));
            var body = await other.Content.ReadAsStringAsync();
            if (other.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                problems.Add($"{route.WithId(theirs)} (customer B's) answered {(int)other.StatusCode}, expected 404.");
            foreach (var secret in new[] { b.Marker, b.Customer.Email })
                if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{route.WithId(theirs)} (customer B's) shows B's data \"{secret}\".");

            var own = await client.GetAsync(route.WithId(ours).TrimStart('/'));
            if (own.StatusCode != HttpStatusCode.OK)
                problems.Add($"{route.WithId(ours)} (customer A's own) answered {(int)own.StatusCode}, expected 200.");
            if ((await own.Content.ReadAsStringAsync()).Contains(a.NoteMarker, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{route.WithId(ours)} (customer A's own) shows a staff internal note.");
        }

        Assert.True(problems.Count == 0, $"Checked {routes.Count} routes: {string.Join(", ", routes)}.\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task StaffOnlyAttachment_OfOwnCustomer_IsNotFoundOnFileEndpoint()
    {
        var a = await OneOfEverything.CreateAsync(_app, "Charlie");
        await using (var db = await _app.CreateDbContextAsync())
        {
            var attachment = await db.Attachments.FindAsync(a.FileId);
            attachment!.VisibleToCustomer = false;
            await db.SaveChangesAsync();
        }
        using var client = _app.CreateHttpClient();
        await SignIn.PortalAsync(client, a.User.Email);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"files/{a.FileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"files/{a.ProjectFileId}")).StatusCode);
    }
}
