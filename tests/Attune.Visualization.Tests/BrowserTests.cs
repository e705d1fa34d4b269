using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Attune.Visualization.Tests;

/// <summary>
/// Loads the HTML output in headless Chromium (Debian's <c>chromium</c>) and checks that plotly drew every trace
/// and logged no error; writes a screenshot of the report page under the test output. Passes without Chromium
/// unless ATTUNE_REQUIRE_CHROMIUM=1, which makes a missing browser a failure.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed partial class BrowserTests
{
    private const string Probe = """
        <script>
        window.__errors = [];
        window.addEventListener('error', e => window.__errors.push(String(e.message)));
        const __error = console.error;
        console.error = (...a) => { window.__errors.push(a.map(String).join(' ')); __error(...a); };
        setTimeout(() => {
          const figures = [...document.querySelectorAll('.attune-figure')].map(d => ({
            expected: Number(d.dataset.traces),
            data: (d._fullData || []).length,
            drawn: d.querySelectorAll('g.trace, g.contour, g.parcoords, .gl-container canvas, g.scatter3d, .main-svg').length,
          }));
          document.body.setAttribute('data-probe', JSON.stringify({ errors: window.__errors, figures }));
        }, 4000);
        </script>
        """;

    private static readonly string[] KindNames =
    [
        "optimization-history", "intermediate-values", "parallel-coordinate", "contour", "contour-pair", "slice", "param-importances", "edf",
        "pareto-front", "pareto-front-3d", "timeline", "rank", "hypervolume-history",
    ];

    [Fact]
    public void Plotly_draws_every_figure_and_the_report_without_errors()
    {
        if (Browser() is not { } chromium)
        {
            return;
        }

        using var study = KnownStudies.Single();
        using var multi = KnownStudies.Multi();
        var output = Path.Combine(AppContext.BaseDirectory, "browser");
        Directory.CreateDirectory(output);
        var pages = new Dictionary<string, string>
        {
            ["figures"] = HtmlRenderer.Render([.. KindNames.Select(FigureRecordTests.Build)], "all figures"),
            ["report"] = StudyReport.Render(study, new StudyReportOptions { Importances = new Dictionary<string, double> { ["x"] = 0.6, ["lr"] = 0.3, ["kind"] = 0.1 } }),
            ["report-multi"] = StudyReport.Render(multi),
        };
        foreach (var (name, html) in pages)
        {
            var path = Path.Combine(output, name + ".html");
            File.WriteAllText(path, html.Replace("<body>\n", "<body>\n" + Probe, StringComparison.Ordinal));
            var dom = Run(chromium, "--dump-dom", "--virtual-time-budget=15000", new Uri(path).AbsoluteUri);
            var match = ProbeAttribute().Match(dom);
            Assert.True(match.Success, $"{name}: the page did not finish plotting.");
            using var probe = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value));
            var errors = probe.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(errors.Count == 0, $"{name}: console errors: {string.Join(" | ", errors)}");
            foreach (var figure in probe.RootElement.GetProperty("figures").EnumerateArray())
            {
                Assert.Equal(figure.GetProperty("expected").GetInt32(), figure.GetProperty("data").GetInt32());
                Assert.True(figure.GetProperty("drawn").GetInt32() > 0, $"{name}: a figure drew nothing.");
            }
        }

        var screenshot = Path.Combine(output, "report.png");
        File.Delete(screenshot);
        Run(chromium, $"--screenshot={screenshot}", "--window-size=1280,3600", "--virtual-time-budget=15000", new Uri(Path.Combine(output, "report.html")).AbsoluteUri);
        Assert.True(File.Exists(screenshot), "no screenshot was written");
    }

    private static string? Browser()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.False(Environment.GetEnvironmentVariable("ATTUNE_REQUIRE_CHROMIUM") == "1", "ATTUNE_REQUIRE_CHROMIUM=1 but no Chromium is installed (apt-get install chromium).");
        return null;
    }

    private static string Run(string chromium, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "attune-chromium-" + Environment.ProcessId) }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish in 2 minutes.");
        }

        return stdout.Result;
    }

    [GeneratedRegex("data-probe=\"([^\"]*)\"")]
    private static partial Regex ProbeAttribute();
}
