using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>Identity's sign-in, refusing disabled accounts even with the right password.</summary>
public sealed class AccountSignIn(UserManager<ApplicationUser> users, IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<ApplicationUser> claims, IOptions<IdentityOptions> options, ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
