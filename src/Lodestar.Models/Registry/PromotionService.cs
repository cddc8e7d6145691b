using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Models.Registry;

/// <summary>
/// Request → approve/reject for alias moves. Approval enforces four eyes (the approver is neither the requester nor
/// the version's author) and the alias's metric policy, then moves the alias only if nobody moved it since the
/// request was made (Conflict otherwise, and the stale request is closed).
/// </summary>
public sealed class PromotionService(RegistryService registry, IModelGovernanceStore governance)
{
    public async Task<PromotionRequest> RequestAsync(Principal principal, string name, string alias, int version, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        await registry.EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        ModelNames.ValidateAlias(alias);
        _ = await registry.ResolveAsync(new ModelReference(name, null, version), cancellationToken).ConfigureAwait(false);
        var current = await registry.CurrentAliasAsync(name, alias, cancellationToken).ConfigureAwait(false);
        var request = new PromotionRequest(
            Guid.NewGuid().ToString("N"), name, alias, version, principal.UserId, registry.Now, PromotionStatus.Pending, current?.RowVersion ?? 0, comment);
        await governance.CreatePromotionAsync(request, cancellationToken).ConfigureAwait(false);
        await registry.AuditAsync(principal, "model.promotion.request", name, Details(request), cancellationToken).ConfigureAwait(false);
        return request;
    }

    public async Task<IReadOnlyList<PromotionRequest>> ListAsync(Principal principal, string name, CancellationToken cancellationToken = default)
    {
        await registry.EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        return await governance.ListPromotionsAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PromotionRequest> GetAsync(Principal principal, string name, string id, CancellationToken cancellationToken = default)
    {
        await registry.EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        var request = await governance.GetPromotionAsync(id, cancellationToken).ConfigureAwait(false);
        return request is not null && request.Model == name ? request : throw LodestarException.NotFound($"model '{name}' has no promotion request '{id}'");
    }

    /// <summary>Approves and performs the move; returns the decided request and where the alias now points.</summary>
    public async Task<(PromotionRequest Request, ModelAlias Alias)> ApproveAsync(Principal principal, string name, string id, string? comment, CancellationToken cancellationToken = default)
    {
        var request = await GetAsync(principal, name, id, cancellationToken).ConfigureAwait(false);
        if (request.Status != PromotionStatus.Pending)
        {
            throw LodestarException.Conflict($"promotion request '{id}' was already {request.Status.ToString().ToLowerInvariant()}");
        }

        var author = await registry.AuthorAsync(name, request.Version, cancellationToken).ConfigureAwait(false);
        var policy = await registry.PolicyAsync(name, request.Alias, cancellationToken).ConfigureAwait(false);
        if (policy.RequireApproval && (principal.UserId == request.RequestedBy || principal.UserId == author))
        {
            await registry.AuditAsync(principal, "model.promotion.denied", name, Details(request, "approver is the requester or the author"), cancellationToken).ConfigureAwait(false);
            throw LodestarException.Forbidden($"'{principal.UserId}' requested or authored this version; another approver must decide on '{name}@{request.Alias}'");
        }

        await registry.CheckMetricAsync(name, request.Alias, request.Version, policy, cancellationToken).ConfigureAwait(false);
        ModelAlias moved;
        try
        {
            moved = await registry.SetAliasAsync(name, request.Alias, request.Version, request.ExpectedRowVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (LodestarException conflict) when (conflict.Kind == ErrorKind.Conflict)
        {
            var stale = await governance.DecideAsync(id, PromotionStatus.Rejected, principal.UserId, "the alias moved after the request was made", registry.Now, cancellationToken).ConfigureAwait(false);
            await registry.AuditAsync(principal, "model.promotion.reject", name, Details(stale, stale.Reason), cancellationToken).ConfigureAwait(false);
            throw;
        }

        var approved = await governance.DecideAsync(id, PromotionStatus.Approved, principal.UserId, comment, registry.Now, cancellationToken).ConfigureAwait(false);
        var details = Details(approved, comment);
        details["rowVersion"] = moved.RowVersion.ToString(CultureInfo.InvariantCulture);
        await registry.AuditAsync(principal, "model.promotion.approve", name, details, cancellationToken).ConfigureAwait(false);
        return (approved, moved);
    }

    public async Task<PromotionRequest> RejectAsync(Principal principal, string name, string id, string? reason, CancellationToken cancellationToken = default)
    {
        _ = await GetAsync(principal, name, id, cancellationToken).ConfigureAwait(false);
        var rejected = await governance.DecideAsync(id, PromotionStatus.Rejected, principal.UserId, reason, registry.Now, cancellationToken).ConfigureAwait(false);
        await registry.AuditAsync(principal, "model.promotion.reject", name, Details(rejected, reason), cancellationToken).ConfigureAwait(false);
        return rejected;
    }

    private static Dictionary<string, string> Details(PromotionRequest request, string? note = null)
    {
        var details = new Dictionary<string, string>
        {
            ["request"] = request.Id,
            ["alias"] = request.Alias,
            ["version"] = request.Version.ToString(CultureInfo.InvariantCulture),
            ["requestedBy"] = request.RequestedBy,
        };
        if (note is not null)
        {
            details["note"] = note;
        }

        return details;
    }
}
