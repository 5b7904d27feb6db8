namespace CivilAffairs.Dashboard.Security;

/// <summary>How long a sign-in lasts (Security:Session): idle timeout and absolute lifetime.</summary>
public sealed class SignInLifetime
{
    public int IdleMinutes { get; set; } = 30;
    public int AbsoluteHours { get; set; } = 12;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);
    public TimeSpan Absolute => TimeSpan.FromHours(AbsoluteHours);
}
