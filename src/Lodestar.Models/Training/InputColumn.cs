using Lodestar.Models.Data;

namespace Lodestar.Models.Training;

/// <summary>One model input: its CSV column, how it is read, and for categories the known levels (index = code).</summary>
public sealed record InputColumn(string Name, ColumnKind Kind, IReadOnlyList<string>? Levels = null);
