using Lodestar.Core;
using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Lodestar.WebConsole.Components;

/// <summary>A console page rendered on the server for the signed-in user of the request.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = null!;

    [Inject]
    public ConsoleIdentity Identity { get; set; } = null!;

    /// <summary>The caller; pages behind a console policy always have one.</summary>
    protected Principal Principal => Identity.GetPrincipal(HttpContext);

    /// <summary>The request's cancellation: a closed tab stops the work behind the page.</summary>
    protected CancellationToken Aborted => HttpContext.RequestAborted;
}
