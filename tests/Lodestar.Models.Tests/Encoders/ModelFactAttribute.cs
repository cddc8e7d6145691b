using Lodestar.Models.Encoders;

namespace Lodestar.Models.Tests.Encoders;

/// <summary>A fact that needs the USE lite weights; skipped with instructions when they are not cached.</summary>
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (ModelCache.TryLocate() is null)
        {
            Skip = $"USE lite model not in {ModelCache.DefaultDirectory}; run scripts/fetch-model.sh to enable this test.";
        }
    }
}
