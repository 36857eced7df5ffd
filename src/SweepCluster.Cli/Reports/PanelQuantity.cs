namespace SweepCluster.Cli.Reports;

/// <summary>A quantity drawn in a panel: its curve name, legend label and colour (hex).</summary>
internal sealed record PanelQuantity(string Name, string Label, string ColorHex);
