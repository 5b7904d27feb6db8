namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// Tells this instance's open circuits that an account changed (disabled, roles, password), so they re-check it
/// at once instead of at the next periodic revalidation. Other instances catch up at their revalidation interval.
/// </summary>
public sealed class AccountSignals
{
    public event Action<string>? AccountChanged;

    public void Raise(string userId) => AccountChanged?.Invoke(userId);
}
