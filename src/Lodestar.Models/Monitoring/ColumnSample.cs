namespace Lodestar.Models.Monitoring;

/// <summary>One column's non-missing values: as category keys always, and as numbers when every value is one.</summary>
internal sealed record ColumnSample(string[] Keys, double[]? Numbers);
