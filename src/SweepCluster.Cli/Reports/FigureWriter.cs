using ScottPlot;
using SkiaSharp;

namespace SweepCluster.Cli.Reports;

/// <summary>The image formats a figure is written in.</summary>
internal enum FigureFormat { Png, Svg }

/// <summary>Renders a multi-panel figure to STEM.png or STEM.svg, each panel at a fixed size.</summary>
internal static class FigureWriter
{
    public const int PanelWidth = 720;
    public const int PanelHeight = 420;

    /// <summary>Writes <paramref name="built"/>; returns the file's path.</summary>
    public static string Write(BuiltFigure built, string stem, FigureFormat format) =>
        Write(built.Figure, stem, format, built.Columns, built.Rows);

    /// <summary>Writes <paramref name="figure"/>, laid out as <paramref name="columns"/> by <paramref name="rows"/>
    /// panels of <paramref name="panelWidth"/> by <paramref name="panelHeight"/> pixels.</summary>
    public static string Write(Multiplot figure, string stem, FigureFormat format, int columns, int rows,
        int panelHeight = PanelHeight, int panelWidth = PanelWidth)
    {
        var width = columns * panelWidth;
        var height = rows * panelHeight;

        if (format == FigureFormat.Png)
        {
            var png = stem + ".png";
            figure.SavePng(png, width, height);
            return png;
        }

        // Multiplot has no SaveSvg, but it renders to any Skia canvas, and Skia's SVG canvas writes SVG.
        var svg = stem + ".svg";
        using var stream = new FileStream(svg, FileMode.Create, FileAccess.Write);
        // The SVG document is completed when the canvas is disposed, so the canvas goes before the stream.
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            figure.Render(canvas, new PixelRect(new PixelSize(width, height)));
        return svg;
    }
}
