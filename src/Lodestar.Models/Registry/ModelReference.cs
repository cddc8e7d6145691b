using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Models.Registry;

/// <summary>How callers name a model: <c>NAME</c> (latest version), <c>NAME@ALIAS</c> or <c>NAME:VERSION</c>.</summary>
public sealed record ModelReference(string Name, string? Alias, int? Version)
{
    public static ModelReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (at >= 0)
        {
            return new ModelReference(ModelNames.Validate(text[..at], "model"), ModelNames.Validate(text[(at + 1)..], "alias"), null);
        }

        if (colon >= 0)
        {
            var name = ModelNames.Validate(text[..colon], "model");
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                throw LodestarException.Invalid($"'{text}': the version after ':' must be a positive integer");
            }

            return new ModelReference(name, null, version);
        }

        return new ModelReference(ModelNames.Validate(text, "model"), null, null);
    }

    /// <summary>A reference inside one model: a version number (<c>3</c>) or an alias (<c>champion</c>).</summary>
    public static ModelReference Within(string model, string versionOrAlias)
    {
        ArgumentNullException.ThrowIfNull(versionOrAlias);
        ModelNames.Validate(model, "model");
        return int.TryParse(versionOrAlias, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? new ModelReference(model, null, version)
            : new ModelReference(model, ModelNames.ValidateAlias(versionOrAlias), null);
    }

    public override string ToString() =>
        Alias is not null ? $"{Name}@{Alias}" : Version is { } v ? $"{Name}:{v.ToString(CultureInfo.InvariantCulture)}" : Name;
}
