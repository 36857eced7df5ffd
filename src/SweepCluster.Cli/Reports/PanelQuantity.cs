namespace SweepCluster.Cli.Reports;

/// <summary>A quantity drawn in a panel: its curve name, legend label, colour (hex) and line width in a panel of one
/// curve. A quantity that can equal one drawn after it (B_XR_out = B_paper where eta = 1) is wider, so it shows as a rim
/// around the other instead of vanishing under it.</summary>
internal sealed record PanelQuantity(string Name, string Label, string ColorHex, float Width = 2);
