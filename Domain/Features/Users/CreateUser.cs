using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Users;

/// <summary>Creates an account with its roles and an initial password.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed class CreateUser : IRequest<Result<string>>
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>单位, e.g. 资兴市民政局 or 三都镇民政所.</summary>
    public string Unit { get; set; } = "";
    public string Password { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    /// <summary>The street/township or community/village the account works in, by name or 统计用区划代码; empty for the bureau.</summary>
    public string Area { get; set; } = "";
}

/// <summary>Form and pipeline checks of a new account.</summary>
public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.UserName)
            .NotEmpty().WithMessage(_ => Messages.Get("UserNameRequired"))
            .Matches("^[A-Za-z0-9._-]{3,50}$").WithMessage(_ => Messages.Get("UserNameInvalid"));
        RuleFor(x => x.DisplayName).StaffName();
        RuleFor(x => x.Unit).StaffUnit();
        RuleFor(x => x.Password).SetValidator(new PasswordValidator());
        RuleFor(x => x.Roles).SetValidator(new RoleListValidator());
    }
}

/// <summary>The 姓名 and 单位 an account carries, checked alike when it is created and when it is edited.</summary>
public static class StaffProfileRules
{
    public const int MaxLength = 50;

    public static IRuleBuilderOptions<T, string> StaffName<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage(_ => Messages.Get("DisplayNameRequired"))
        .MaximumLength(MaxLength).WithMessage(_ => Messages.Format("TextTooLong", MaxLength));

    public static IRuleBuilderOptions<T, string> StaffUnit<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage(_ => Messages.Get("UnitRequired"))
        .MaximumLength(MaxLength).WithMessage(_ => Messages.Format("TextTooLong", MaxLength));
}

/// <summary>The password checks that need no list: length (ASVS: at least 12, no composition rules).</summary>
public sealed class PasswordValidator : AbstractValidator<string>
{
    public PasswordValidator()
    {
        RuleFor(x => x)
            .MinimumLength(PasswordPolicy.MinLength).WithMessage(_ => Messages.Format("PasswordTooShort", PasswordPolicy.MinLength))
            .MaximumLength(PasswordPolicy.MaxLength).WithMessage(_ => Messages.Format("TextTooLong", PasswordPolicy.MaxLength))
            .OverridePropertyName("");
    }
}

/// <summary>At least one role, each a known one.</summary>
public sealed class RoleListValidator : AbstractValidator<List<string>>
{
    public RoleListValidator()
    {
        RuleFor(x => x).NotEmpty().WithMessage(_ => Messages.Get("RolesRequired")).OverridePropertyName("");
        RuleForEach(x => x).Must(r => Security.Roles.All.Contains(r)).WithMessage((_, r) => Messages.Format("UnknownRole", r))
            .OverridePropertyName("");
    }
}

/// <summary>Creates the account; the store enforces the common-password list and unique names.</summary>
public sealed class CreateUserHandler(IUserAccounts accounts, IDataSessionFactory data) : IRequestHandler<CreateUser, Result<string>>
{
    public async ValueTask<Result<string>> Handle(CreateUser request, CancellationToken ct)
    {
        int? areaId = null;
        var level = AreaLevel.Jurisdiction;
        if (request.Area.Trim() is { Length: > 0 } wanted)
        {
            await using var session = await data.OpenAsync(ct);
            var matches = await session.ToListAsync(session.Query<Area>().Where(a => a.Code == wanted || a.Name == wanted)
                .Select(a => new { a.Id, a.Level }), ct);
            if (matches.Count == 0) return Result<string>.Failure([new FieldError(nameof(CreateUser.Area), Messages.Format("UnknownAccountArea", wanted))]);
            if (matches.Count > 1) return Result<string>.Failure([new FieldError(nameof(CreateUser.Area), Messages.Format("AmbiguousAccountArea", wanted))]);
            (areaId, level) = (matches[0].Level == AreaLevel.Jurisdiction ? null : matches[0].Id, matches[0].Level);
        }
        var roles = request.Roles.Distinct().ToList();
        if (AreaRoles.Misplaced(roles, level) is { } misplaced)
            return Result<string>.Failure([new FieldError(nameof(CreateUser.Area), Messages.Format("RoleNeedsArea", Messages.Get($"RoleName.{misplaced}")))]);
        return await accounts.CreateAsync(request.UserName.Trim(), request.DisplayName.Trim(), request.Unit.Trim(), request.Password,
            roles, areaId, ct);
    }
}

/// <summary>Which level of area each role works at: a village clerk in a village, the township's staff in a township.</summary>
public static class AreaRoles
{
    /// <summary>The first role that does not fit an account of <paramref name="level"/> (the jurisdiction: the bureau), or null.</summary>
    public static string? Misplaced(IEnumerable<string> roles, AreaLevel level) => roles.FirstOrDefault(role => role switch
    {
        Security.Roles.VillageClerk => level != AreaLevel.Community,
        Security.Roles.TownshipClerk or Security.Roles.TownshipReviewer => level != AreaLevel.Township,
        _ => false,
    });
}
