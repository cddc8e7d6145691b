namespace Lodestar.Models.Data;

/// <summary>How a learner or a drift test treats a column.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
}
