using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Templates.MergeTags;
using Fluid;
using HandlebarsDotNet;
using Scriban.Runtime;
using FluidContext = Fluid.TemplateContext;
using ScribanContext = Scriban.TemplateContext;
using ScribanTemplate = Scriban.Template;
using WebHtmlEncoder = System.Text.Encodings.Web.HtmlEncoder;

namespace CustomerPortal.Benchmarks;

/// <summary>
/// Rendering one typical invoice e-mail (HTML, twelve fields, one fallback, values HTML-encoded) with the merge-tag
/// engine and with three maintained template libraries, each parsed once beforehand as each would be used, in the
/// same run. Run: dotnet run -c Release --project CustomerPortal.Benchmarks -- --filter '*MergeTag*'
/// </summary>
[MemoryDiagnoser]
public class MergeTagBenchmarks
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["CUSTOMER_FIRST_NAME"] = "Jordan",
        ["COMPANY_NAME"] = "Northwind Plumbing & Heating",
        ["COMPANY_PHONE"] = "(555) 010-2030",
        ["INVOICE_NUMBER"] = "INV-2051",
        ["INVOICE_AMOUNT_DUE"] = "$480.00",
        ["INVOICE_DUE_DATE"] = "Jan 2, 2027",
        ["INVOICE_LINK"] = "https://portal.example.com/l/6f1c2a9e3b7d4c58a0e1f2d3c4b5a697?t=CfDJ8Abc_def-123",
        ["JOB_TITLE"] = "Replace water heater <50 gal>",
        ["CUSTOMER_PORTAL_LINK"] = "https://portal.example.com/l/0a1b2c3d4e5f60718293a4b5c6d7e8f9?t=CfDJ8Xyz_uvw-456",
    };

    // The same e-mail in each syntax.
    private const string Ours = """
        <p>Hi {{CUSTOMER_FIRST_NAME|there}},</p>
        <p>Thank you for choosing {{COMPANY_NAME}}. Invoice <b>{{INVOICE_NUMBER}}</b> for {{JOB_TITLE}} is ready.</p>
        <p>Amount due: <b>{{INVOICE_AMOUNT_DUE}}</b>, by {{INVOICE_DUE_DATE}}.</p>
        <p><a href="{{INVOICE_LINK}}">View and pay invoice {{INVOICE_NUMBER}}</a></p>
        <p>All your documents are in <a href="{{CUSTOMER_PORTAL_LINK}}">your customer portal</a>.</p>
        <p>Questions? Call us at {{COMPANY_PHONE}} or reply to this e-mail.</p>
        <p>{{COMPANY_NAME}}</p>
        """;

    private const string Liquid = """
        <p>Hi {{ CUSTOMER_FIRST_NAME | default: "there" }},</p>
        <p>Thank you for choosing {{ COMPANY_NAME }}. Invoice <b>{{ INVOICE_NUMBER }}</b> for {{ JOB_TITLE }} is ready.</p>
        <p>Amount due: <b>{{ INVOICE_AMOUNT_DUE }}</b>, by {{ INVOICE_DUE_DATE }}.</p>
        <p><a href="{{ INVOICE_LINK }}">View and pay invoice {{ INVOICE_NUMBER }}</a></p>
        <p>All your documents are in <a href="{{ CUSTOMER_PORTAL_LINK }}">your customer portal</a>.</p>
        <p>Questions? Call us at {{ COMPANY_PHONE }} or reply to this e-mail.</p>
        <p>{{ COMPANY_NAME }}</p>
        """;

    private const string ScribanText = """
        <p>Hi {{ CUSTOMER_FIRST_NAME | object.default "there" | html.escape }},</p>
        <p>Thank you for choosing {{ COMPANY_NAME | html.escape }}. Invoice <b>{{ INVOICE_NUMBER | html.escape }}</b> for {{ JOB_TITLE | html.escape }} is ready.</p>
        <p>Amount due: <b>{{ INVOICE_AMOUNT_DUE | html.escape }}</b>, by {{ INVOICE_DUE_DATE | html.escape }}.</p>
        <p><a href="{{ INVOICE_LINK | html.escape }}">View and pay invoice {{ INVOICE_NUMBER | html.escape }}</a></p>
        <p>All your documents are in <a href="{{ CUSTOMER_PORTAL_LINK | html.escape }}">your customer portal</a>.</p>
        <p>Questions? Call us at {{ COMPANY_PHONE | html.escape }} or reply to this e-mail.</p>
        <p>{{ COMPANY_NAME | html.escape }}</p>
        """;

    private const string HandlebarsText = """
        <p>Hi {{#if CUSTOMER_FIRST_NAME}}{{CUSTOMER_FIRST_NAME}}{{else}}there{{/if}},</p>
        <p>Thank you for choosing {{COMPANY_NAME}}. Invoice <b>{{INVOICE_NUMBER}}</b> for {{JOB_TITLE}} is ready.</p>
        <p>Amount due: <b>{{INVOICE_AMOUNT_DUE}}</b>, by {{INVOICE_DUE_DATE}}.</p>
        <p><a href="{{INVOICE_LINK}}">View and pay invoice {{INVOICE_NUMBER}}</a></p>
        <p>All your documents are in <a href="{{CUSTOMER_PORTAL_LINK}}">your customer portal</a>.</p>
        <p>Questions? Call us at {{COMPANY_PHONE}} or reply to this e-mail.</p>
        <p>{{COMPANY_NAME}}</p>
        """;

    private static readonly WebHtmlEncoder Encoder = WebHtmlEncoder.Create(UnicodeRanges.All);

    private MergeTemplate _ours = null!;
    private IFluidTemplate _fluid = null!;
    private ScribanTemplate _scriban = null!;
    private HandlebarsTemplate<object, object> _handlebars = null!;
    private MergeValues _values = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _ours = MergeTemplate.Parse(Ours).Template ?? throw new InvalidOperationException("Our template does not parse.");
        _fluid = new FluidParser().Parse(Liquid);
        _scriban = ScribanTemplate.Parse(ScribanText);
        if (_scriban.HasErrors) throw new InvalidOperationException(string.Join("; ", _scriban.Messages));
        _handlebars = Handlebars.Compile(HandlebarsText);
        _values = new MergeValues();
        foreach (var (name, value) in Values) _values.Set(name, value);
        // A fair race: every engine fills every field and encodes the values that need it.
        foreach (var output in new[] { MergeTags(), Fluid(), Scriban(), HandlebarsNet() })
        {
            if (!output.Contains("Hi Jordan,") || !output.Contains("Northwind Plumbing &amp; Heating") || !output.Contains("heater &lt;50 gal&gt;"))
                throw new InvalidOperationException("An engine rendered something else:\n" + output);
        }
    }

    [Benchmark(Baseline = true)]
    public string MergeTags() => _ours.Render(_values, MergeEncoding.Html);

    [Benchmark]
    public string Fluid()
    {
        var context = new FluidContext();
        foreach (var (name, value) in Values) context.SetValue(name, value);
        return _fluid.Render(context, Encoder);
    }

    [Benchmark]
    public string Scriban()
    {
        var globals = new ScriptObject();
        foreach (var (name, value) in Values) globals.Add(name, value);
        var context = new ScribanContext();
        context.PushGlobal(globals);
        return _scriban.Render(context);
    }

    [Benchmark]
    public string HandlebarsNet() => _handlebars(Values);
}
