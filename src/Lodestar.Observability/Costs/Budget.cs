using Lodestar.Core;

namespace Lodestar.Observability.Costs;

/// <summary>
/// A monthly (calendar month, UTC) spending limit. Past <see cref="SoftLimit"/> answers carry a warning and an alert is
/// raised once; at <see cref="HardLimit"/> asking is refused with 429 until the month ends or the budget is raised.
/// <see cref="Subject"/> is the tenant id for a tenant budget and the key id for a key budget.
/// </summary>
public sealed record Budget(string TenantId, BudgetScope Scope, string Subject, decimal SoftLimit, decimal HardLimit)
{
    public static Budget Create(string tenantId, BudgetScope scope, string subject, decimal? softLimit, decimal? hardLimit)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 128)
        {
            throw LodestarException.Invalid("a budget needs a subject (the tenant or key id) of at most 128 characters");
        }

        if (hardLimit is not { } hard || hard <= 0)
        {
            throw LodestarException.Invalid("hardLimit must be a positive amount");
        }

        var soft = softLimit ?? hard * 0.8m;
        if (soft <= 0 || soft > hard)
        {
            throw LodestarException.Invalid("softLimit must be positive and at most hardLimit");
        }

        return new Budget(tenantId, scope, subject, soft, hard);
    }

    /// <summary>The first instant of the month containing <paramref name="now"/>: usage since then counts.</summary>
    public static DateTimeOffset PeriodStart(DateTimeOffset now) => new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
