using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge;

/// <summary>Source-generated validation of <see cref="KnowledgeOptions"/>' data annotations: bad settings stop the boot.</summary>
[OptionsValidator]
internal sealed partial class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
}
