using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Lodestar.WebConsole.Components.Charts;

/// <summary>An SVG <c>&lt;text&gt;</c> element: Razor reserves that tag name in code blocks, so charts render it from here.</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter]
    public string X { get; set; } = "0";

    [Parameter]
    public string Y { get; set; } = "0";

    [Parameter]
    public string? Anchor { get; set; }

    [Parameter]
    public string? Baseline { get; set; }

    [Parameter]
    public string Text { get; set; } = string.Empty;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "dominant-baseline", Baseline);
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}
