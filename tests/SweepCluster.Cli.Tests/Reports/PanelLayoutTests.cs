using SweepCluster.Cli.Reports;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Tests.Reports;

public sealed class PanelLayoutTests
{
    /// <summary>The label-noise study's grid: 2 widths x 2 act_noise x 4 label_noise, one mode.</summary>
    private static readonly IReadOnlyList<CurveKey> _labelNoise =
        (from width in new[] { 64, 256 }
         from actNoise in new[] { 0.0, 0.1 }
         from labelNoise in new[] { 0.0, 0.1, 0.2, 0.4 }
         select Key(width, actNoise, labelNoise: labelNoise)).ToList();

    /// <summary>The quickstart's grid: 2 widths x 3 act_noise x 2 sgld_noise x 2 modes.</summary>
    private static readonly IReadOnlyList<CurveKey> _quickstart =
        (from width in new[] { 4, 8 }
         from actNoise in new[] { 0.0, 1.0, 2.0 }
         from sgld in new[] { 0.005, 0.017 }
         from mode in new[] { "end_to_end", "frozen_features" }
         select Key(width, actNoise, sgld, mode: mode)).ToList();

    [Fact]
    public void One_curve_per_panel_puts_every_setting_in_the_grid_with_the_longest_axis_as_columns()
    {
        var layout = PanelLayout.Of(_labelNoise, seriesPerPanel: 1);

        Assert.Equal(16, layout.Panels.Count);
        Assert.Equal((4, 4), (layout.Rows, layout.Columns));
        Assert.All(layout.Panels, p => Assert.Single(p.Series));
        Assert.Equal(16, layout.Panels.Select(p => p.Title).Distinct().Count());
        Assert.Equal("width=64, act_noise=0, label_noise=0.2", layout.Panels.Single(p => p.Row == 0 && p.Column == 2).Title);
        Assert.Empty(layout.ColourAxes);
    }

    [Fact]
    public void Several_curves_a_panel_colour_the_axis_with_most_values_and_keep_each_settings_colour_in_every_panel()
    {
        var layout = PanelLayout.Of(_labelNoise, seriesPerPanel: 4);

        Assert.Equal(["label_noise"], layout.ColourAxes);
        Assert.Equal(4, layout.Panels.Count);
        Assert.All(layout.Panels, p => Assert.Equal(4, p.Series.Count));
        Assert.All(layout.Panels, p => Assert.Equal(["label_noise=0", "label_noise=0.1", "label_noise=0.2", "label_noise=0.4"],
            p.Series.Select(s => s.Label)));
        Assert.All(layout.Panels.SelectMany(p => p.Series), s => Assert.Equal(s.Key.LabelNoise switch { 0.0 => 0, 0.1 => 1, 0.2 => 2, _ => 3 }, s.Color));
        Assert.DoesNotContain(layout.Panels, p => p.Title.Contains("label_noise", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void No_panel_holds_more_curves_than_allowed_and_every_curve_is_drawn_once(int seriesPerPanel)
    {
        foreach (var keys in new[] { _labelNoise, _quickstart })
        {
            var layout = PanelLayout.Of(keys, seriesPerPanel);

            Assert.All(layout.Panels, p => Assert.InRange(p.Series.Count, 1, seriesPerPanel));
            Assert.Equal(keys.Order(), layout.Panels.SelectMany(p => p.Series).Select(s => s.Key).Order());
            Assert.Equal(layout.Panels.Count, layout.Panels.Select(p => (p.Row, p.Column)).Distinct().Count());
        }
    }

    [Fact]
    public void Mode_is_never_a_colour_and_splits_the_rows_outermost()
    {
        var layout = PanelLayout.Of(_quickstart, seriesPerPanel: 8);

        Assert.DoesNotContain("mode", layout.ColourAxes);
        Assert.All(layout.Panels, p => Assert.Single(p.Series.Select(s => s.Key.Mode).Distinct()));
        var firstHalf = layout.Panels.Where(p => p.Row < layout.Rows / 2).SelectMany(p => p.Series).Select(s => s.Key.Mode).Distinct();
        Assert.Equal(["end_to_end"], firstHalf);
        Assert.All(layout.Panels, p => Assert.Contains("mode=", p.Title, StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_curve_gets_one_panel_titled_by_its_width_and_noise()
    {
        var layout = PanelLayout.Of([Key(4, 1.0)], seriesPerPanel: 8);

        var panel = Assert.Single(layout.Panels);
        Assert.Equal("width=4, act_noise=1", panel.Title);
        Assert.Equal("", Assert.Single(panel.Series).Label);
        Assert.Equal((1, 1), (layout.Rows, layout.Columns));
    }

    [Fact]
    public void An_axis_with_more_values_than_fit_side_by_side_goes_to_the_rows()
    {
        var keys = Enumerable.Range(1, 7).Select(i => Key(4, 0.5 * i)).ToList();

        var layout = PanelLayout.Of(keys, seriesPerPanel: 1);

        Assert.Equal((7, 1), (layout.Rows, layout.Columns));
    }

    private static CurveKey Key(int width, double actNoise, double sgld = 0.001, double labelNoise = 0, string mode = "end_to_end") =>
        new(width, actNoise, sgld, labelNoise, 0, 0, 500, mode, "sgld", "tanh", 0.01, 20, 64, 1.0, 0);
}
