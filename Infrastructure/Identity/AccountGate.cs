using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// Sign-in attempts of one account, one at a time, and at most so many a minute: concurrent guesses could otherwise
/// each read the same failure count and write it back (24 at once left it at 2). Accounts map onto a fixed set of
/// locks, so names an attacker makes up cannot grow it.
/// </summary>
public sealed class AccountGate
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly PartitionedRateLimiter<string> _attempts;
    private string? _unknownAccountHash;

    public AccountGate(IConfiguration configuration)
    {
        AttemptsPerMinute = configuration.GetValue("Security:RateLimit:SignInPerAccountPerMinute", 20);
        _attempts = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Sign-in attempts one account may make in a minute, whatever their outcome.</summary>
    public int AttemptsPerMinute { get; }

    /// <summary>Counts an attempt on the account; false when the account has had its attempts for this minute.</summary>
    public bool TryAttempt(string normalizedUserName)
    {
        using var lease = _attempts.AttemptAcquire(normalizedUserName);
        return lease.IsAcquired;
    }

    /// <summary>Waits for the account's turn; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(string normalizedUserName)
    {
        var gate = _locks[(uint)StringComparer.Ordinal.GetHashCode(normalizedUserName) % Stripes];
        await gate.WaitAsync();
        return new Turn(gate);
    }

    /// <summary>
    /// Verifies the password against a hash of no account, so that an unknown name costs what a wrong password costs
    /// (a missing user answered in 4 ms against 160 ms: the timing named the accounts that exist).
    /// </summary>
    public void VerifyAgainstNoAccount(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        var nobody = new ApplicationUser { UserName = "nobody" };
        _unknownAccountHash ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(nobody, _unknownAccountHash, password);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
