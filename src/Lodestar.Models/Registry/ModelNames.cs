using Lodestar.Core;

namespace Lodestar.Models.Registry;

/// <summary>Model and alias names: 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
public static class ModelNames
{
    public static string Validate(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is > 0 and <= 100 && char.IsAsciiLetterOrDigit(name[0]);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
        }

        return valid ? name : throw LodestarException.Invalid($"invalid {what} name '{name}': use 1-100 letters, digits, '.', '_' or '-'");
    }
}
