using Bunit;
using CustomerPortal.Core.Documents;
using CustomerPortal.Web.Documents;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Documents;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync: MudBlazor's services can only be disposed asynchronously.")]
public sealed class LineItemsEditorTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<LineItemsEditor> Render(Action<ComponentParameterCollectionBuilder<LineItemsEditor>> parameters) =>
        _context.Render(parameters);

    [Fact]
    public void Render_ShowsTheTotalsItIsGivenAndEachLinesAmount()
    {
        var lines = new List<LineItemInput> { new() { Description = "Pipe", Quantity = 3, UnitPrice = 0.335m } };

        var editor = Render(p => p
            .Add(x => x.Lines, lines)
            .Add(x => x.Totals, new DocumentTotals(1.01m, 0.5m, 0.05m, 0.56m))
            .Add(x => x.Currency, "USD"));

        Assert.Equal("$1.01", editor.Find("[data-testid=line-amount]").TextContent);
        Assert.Equal("$0.56", editor.Find("[data-testid=total]").TextContent);
        Assert.Contains("-$0.50", editor.Find("[data-testid=totals]").TextContent);
    }

    [Fact]
    public void ChangingAQuantity_RaisesAnEditedCopyAndLeavesTheLineAlone()
    {
        var lines = new List<LineItemInput>
        {
            new() { Description = "Boiler", Quantity = 1, UnitPrice = 1200m, TaxRatePercent = 10 },
            new() { Description = "Labour", Quantity = 2, UnitPrice = 95m },
        };
        LineItemEdit? raised = null;
        var editor = Render(p => p
            .Add(x => x.Lines, lines)
            .Add(x => x.Totals, DocumentTotals.Zero)
            .Add(x => x.Currency, "USD")
            .Add(x => x.LineChanged, (LineItemEdit e) => raised = e));

        editor.FindAll("[data-testid=line]")[1].QuerySelector("input")!.Change("4");

        Assert.NotNull(raised);
        Assert.Equal(1, raised.Index);
        Assert.Equal(4m, raised.Line.Quantity);
        Assert.Equal("Labour", raised.Line.Description);
        Assert.Equal(2m, lines[1].Quantity);
    }

    [Fact]
    public void RemoveAndAdd_RaiseTheirCallbacks_TheOnlyLineCannotBeRemoved()
    {
        var removed = -1;
        var added = 0;
        var one = Render(p => p
            .Add(x => x.Lines, new List<LineItemInput> { new() { Description = "Only" } })
            .Add(x => x.Totals, DocumentTotals.Zero)
            .Add(x => x.Currency, "USD"));
        Assert.True(one.Find("button[aria-label='Remove line 1']").HasAttribute("disabled"));

        var two = Render(p => p
            .Add(x => x.Lines, new List<LineItemInput> { new() { Description = "A" }, new() { Description = "B" } })
            .Add(x => x.Totals, DocumentTotals.Zero)
            .Add(x => x.Currency, "USD")
            .Add(x => x.OnRemove, (int i) => removed = i)
            .Add(x => x.OnAdd, () => added++));
        two.Find("button[aria-label='Remove line 2']").Click();
        two.FindAll("button").Single(b => b.TextContent.Contains("Add line")).Click();

        Assert.Equal(1, removed);
        Assert.Equal(1, added);
    }

    [Fact]
    public void Errors_AreShownBesideTheirFields()
    {
        var editor = Render(p => p
            .Add(x => x.Lines, new List<LineItemInput> { new() })
            .Add(x => x.Totals, DocumentTotals.Zero)
            .Add(x => x.Currency, "USD")
            .Add(x => x.Errors, new Dictionary<string, string> { ["Lines[0].Description"] = "Line 1: describe the work or item." }));

        Assert.Contains("Line 1: describe the work or item.", editor.Markup);
    }
}
