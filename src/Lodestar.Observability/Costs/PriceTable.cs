using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Observability.Costs;

/// <summary>
/// Prices per model, read from <c>prices.json</c> in the data directory:
/// <c>{"currency":"USD","models":{"gpt-4o-mini":{"inputPer1k":0.00015,"outputPer1k":0.0006},"*":{...}}}</c>.
/// <c>*</c> prices any model not listed; a model with no price (the extractive generator, a local model) costs nothing.
/// </summary>
public sealed class PriceTable
{
    public const string FileName = "prices.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly Dictionary<string, ModelPrice> _models;

    public PriceTable(string currency, IReadOnlyDictionary<string, ModelPrice> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var (model, price) in models)
        {
            if (price is null || price.InputPer1k < 0 || price.OutputPer1k < 0 || price.PerEmbedding < 0)
            {
                throw LodestarException.Invalid($"price of model '{model}' must have non-negative inputPer1k, outputPer1k and perEmbedding");
            }
        }

        Currency = string.IsNullOrWhiteSpace(currency) ? "USD" : currency;
        _models = new Dictionary<string, ModelPrice>(models, StringComparer.OrdinalIgnoreCase);
    }

    public static PriceTable Empty { get; } = new("USD", new Dictionary<string, ModelPrice>());

    public string Currency { get; }

    public IReadOnlyDictionary<string, ModelPrice> Models => _models;

    /// <summary>The table in <paramref name="path"/>, or <see cref="Empty"/> when there is no such file; a malformed file is a clear error.</summary>
    public static PriceTable Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        PriceFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PriceFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new LodestarException(ErrorKind.Invalid, $"{path} is not a valid price table: {error.Message}", error);
        }

        return new PriceTable(file?.Currency ?? "USD", file?.Models ?? []);
    }

    public ModelPrice? Find(string? model) =>
        model is not null && _models.TryGetValue(model, out var price) ? price
        : model is not null && _models.TryGetValue("*", out var fallback) ? fallback
        : null;

    public decimal CostOf(string? model, long inputTokens, long outputTokens, long embeddings = 0) =>
        Find(model)?.CostOf(inputTokens, outputTokens, embeddings) ?? 0m;

    private sealed record PriceFile(string? Currency, Dictionary<string, ModelPrice>? Models);
}
