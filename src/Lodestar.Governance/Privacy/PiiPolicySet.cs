using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Core;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// PII policies per knowledge base: <c>knowledgeBases["TENANT/KB"]</c>, else <c>knowledgeBases["KB"]</c>, else
/// <c>default</c>; no policy means no redaction. Loaded from a JSON file and validated as a whole at start-up:
/// an unknown entity type or property anywhere fails the host (fail closed) instead of silently skipping a rule.
/// </summary>
public sealed class PiiPolicySet
{
    /// <summary>The file read from the data directory when <c>LODESTAR_PII_POLICY</c> names none.</summary>
    public const string FileName = "pii-policy.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public PiiPolicy? Default { get; set; }

    public Dictionary<string, PiiPolicy> KnowledgeBases { get; set; } = new(StringComparer.Ordinal);

    public PiiPolicy? For(string tenantId, string knowledgeBase) =>
        KnowledgeBases.TryGetValue(tenantId + "/" + knowledgeBase, out var exact) ? exact
        : KnowledgeBases.TryGetValue(knowledgeBase, out var byName) ? byName
        : Default;

    /// <summary>The file named by <c>LODESTAR_PII_POLICY</c>, else <see cref="FileName"/> in the data directory, else an empty set.</summary>
    public static PiiPolicySet Locate(string dataDirectory, Func<string, string?>? environment = null)
    {
        var configured = (environment ?? Environment.GetEnvironmentVariable)("LODESTAR_PII_POLICY");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Load(configured) : throw LodestarException.Invalid($"LODESTAR_PII_POLICY names a missing file: {configured}");
        }

        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? Load(path) : new PiiPolicySet();
    }

    public static PiiPolicySet Load(string path)
    {
        PiiPolicySet? set;
        try
        {
            set = JsonSerializer.Deserialize<PiiPolicySet>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw LodestarException.Invalid($"PII policy {path}: {error.Message}");
        }

        set ??= new PiiPolicySet();
        set.Validate(path);
        return set;
    }

    /// <summary>Throws <see cref="LodestarException"/> (Invalid) listing every problem of every policy.</summary>
    public void Validate(string where)
    {
        var errors = new List<string>();
        if (Default is not null)
        {
            errors.AddRange(PiiPolicyValidator.Errors(Default).Select(error => "default: " + error));
        }

        foreach (var (name, policy) in KnowledgeBases)
        {
            errors.AddRange(PiiPolicyValidator.Errors(policy).Select(error => $"knowledge base '{name}': {error}"));
        }

        if (errors.Count > 0)
        {
            throw LodestarException.Invalid($"invalid PII policy {where}: {string.Join("; ", errors)}");
        }
    }
}
