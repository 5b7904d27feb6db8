using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>
/// The dashboard's database. Each provider has a subclass that exists only to key its own migrations
/// (see docs/decisions/002-migrations-per-provider.md); the model is the same.
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    /// <summary>Who the audit records of this context's saves name; set by whoever opens the context for a user.</summary>
    public string AuditActor { get; set; } = Domain.Security.Actor.SystemName;

    /// <summary>The key the audit records of this context's saves are chained with; set by the context factory.</summary>
    public AuditKey? AuditKey { get; set; }

    /// <summary>Why the next save is made, recorded on each of its audit records.</summary>
    public string? AuditReason { get; set; }

    /// <summary>
    /// The area the caller is limited to (set by the data session for an account of a township or village), or null
    /// for the bureau. The query filters below read it on every query, so no handler can forget it; a save checks it.
    /// </summary>
    public AreaScope? Scope
    {
        get => _scope;
        set
        {
            _scope = value;
            ScopeCommunities = value?.CommunityIds.ToList();
            ScopeTownships = value?.TownshipIds.ToList();
            ScopeIsVillage = value?.IsVillage ?? false;
        }
    }

    private AreaScope? _scope;
    // What the filters read: EF makes them parameters of each query (null for the bureau, when the filters fall away).
    private List<int>? ScopeCommunities { get; set; }
    private List<int>? ScopeTownships { get; set; }
    private bool ScopeIsVillage { get; set; }

    public DbSet<Area> Areas => Set<Area>();
    public DbSet<ProgrammeVariant> ProgrammeVariants => Set<ProgrammeVariant>();
    public DbSet<BenefitStandard> BenefitStandards => Set<BenefitStandard>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<HouseholdEvent> HouseholdEvents => Set<HouseholdEvent>();
    public DbSet<HouseholdMove> HouseholdMoves => Set<HouseholdMove>();
    public DbSet<PaymentMonth> PaymentMonths => Set<PaymentMonth>();
    public DbSet<PaymentLine> PaymentLines => Set<PaymentLine>();
    public DbSet<PaymentSummary> PaymentSummaries => Set<PaymentSummary>();
    public DbSet<PaymentHeadcount> PaymentHeadcounts => Set<PaymentHeadcount>();
    public DbSet<Recovery> Recoveries => Set<Recovery>();
    public DbSet<RetroactiveChange> RetroactiveChanges => Set<RetroactiveChange>();
    public DbSet<TemporaryAssistance> TemporaryAssistance => Set<TemporaryAssistance>();
    public DbSet<BankBatch> BankBatches => Set<BankBatch>();
    public DbSet<BankPayment> BankPayments => Set<BankPayment>();
    public DbSet<ChangeCounter> ChangeCounters => Set<ChangeCounter>();
    public DbSet<AnnualBudget> AnnualBudgets => Set<AnnualBudget>();
    public DbSet<Domain.Monitoring.RecordImport> RecordImports => Set<Domain.Monitoring.RecordImport>();
    public DbSet<Domain.Monitoring.ExternalRecord> ExternalRecords => Set<Domain.Monitoring.ExternalRecord>();
    public DbSet<Domain.Monitoring.MonitoringWarning> Warnings => Set<Domain.Monitoring.MonitoringWarning>();
    public DbSet<StandardsProposal> StandardsProposals => Set<StandardsProposal>();
    public DbSet<StandardsProposalItem> StandardsProposalItems => Set<StandardsProposalItem>();
    public DbSet<AssistanceApplication> Applications => Set<AssistanceApplication>();
    public DbSet<ApplicationMember> ApplicationMembers => Set<ApplicationMember>();
    public DbSet<ApplicationObjection> ApplicationObjections => Set<ApplicationObjection>();
    public DbSet<ApplicationStep> ApplicationSteps => Set<ApplicationStep>();
    public DbSet<ApplicationAttachment> ApplicationAttachments => Set<ApplicationAttachment>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<PostingEntry> PostingEntries => Set<PostingEntry>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<YearMonth>().HaveConversion<YearMonthConverter>();
        builder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        FilterByScope(modelBuilder);
    }

    /// <summary>Every row about a household (and every summary of a township) is visible only inside the caller's area.</summary>
    private void FilterByScope(ModelBuilder b)
    {
        b.Entity<Household>().HasQueryFilter(h => ScopeCommunities == null || ScopeCommunities.Contains(h.CommunityId));
        b.Entity<Person>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        b.Entity<Enrollment>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        b.Entity<HouseholdEvent>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        b.Entity<HouseholdMove>().HasQueryFilter(x => ScopeCommunities == null
            || ScopeCommunities.Contains(x.FromCommunityId) || ScopeCommunities.Contains(x.ToCommunityId));
        b.Entity<Domain.Payments.TemporaryAssistance>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        b.Entity<Recovery>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        b.Entity<BankPayment>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        // An application and a posting belong to their village; their rows follow the file or the posting.
        b.Entity<AssistanceApplication>().HasQueryFilter(a => ScopeCommunities == null || ScopeCommunities.Contains(a.CommunityId));
        b.Entity<ApplicationMember>().HasQueryFilter(x => ScopeCommunities == null
            || Set<AssistanceApplication>().Any(a => a.Id == x.ApplicationId && ScopeCommunities.Contains(a.CommunityId)));
        b.Entity<ApplicationObjection>().HasQueryFilter(x => ScopeCommunities == null
            || Set<AssistanceApplication>().Any(a => a.Id == x.ApplicationId && ScopeCommunities.Contains(a.CommunityId)));
        b.Entity<ApplicationStep>().HasQueryFilter(x => ScopeCommunities == null
            || Set<AssistanceApplication>().Any(a => a.Id == x.ApplicationId && ScopeCommunities.Contains(a.CommunityId)));
        b.Entity<ApplicationAttachment>().HasQueryFilter(x => ScopeCommunities == null
            || Set<AssistanceApplication>().Any(a => a.Id == x.ApplicationId && ScopeCommunities.Contains(a.CommunityId)));
        b.Entity<Posting>().HasQueryFilter(p => ScopeCommunities == null || ScopeCommunities.Contains(p.CommunityId));
        b.Entity<PostingEntry>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Posting>().Any(p => p.Id == x.PostingId && ScopeCommunities.Contains(p.CommunityId)));
        // A warning is its household's; department records and imports are the bureau's (their requests are bureau-wide).
        b.Entity<Domain.Monitoring.MonitoringWarning>().HasQueryFilter(x => ScopeCommunities == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        // A standards change (no household) concerns everyone; a household's own change stays in its area.
        b.Entity<RetroactiveChange>().HasQueryFilter(x => ScopeCommunities == null || x.HouseholdId == null
            || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities.Contains(h.CommunityId)));
        // The ledger carries its township; a village sees its own households' lines only.
        b.Entity<PaymentLine>().HasQueryFilter(x => ScopeTownships == null || (ScopeTownships.Contains(x.TownshipId)
            && (!ScopeIsVillage || Set<Household>().Any(h => h.Id == x.HouseholdId && ScopeCommunities!.Contains(h.CommunityId)))));
        // Summaries are per township: a village account gets none (its roles do not show summaries either).
        b.Entity<PaymentSummary>().HasQueryFilter(x => ScopeTownships == null || (!ScopeIsVillage && ScopeTownships.Contains(x.TownshipId)));
        b.Entity<PaymentHeadcount>().HasQueryFilter(x => ScopeTownships == null || (!ScopeIsVillage && ScopeTownships.Contains(x.TownshipId)));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves the changes and the audit records that describe them in one transaction: the rows, then one record
    /// per written row (field-level old → new), chained by hash to the trail's last record.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // SQLite cannot generate a row version, so the application renews the token on every update;
        // EF compares the original value in the UPDATE's WHERE clause on both providers.
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version = Guid.NewGuid();
            if (entry.State == EntityState.Added && entry.Entity.Version == Guid.Empty) entry.Entity.Version = Guid.NewGuid();
        }

        var events = new List<AuditRecord>();
        foreach (var entry in ChangeTracker.Entries<AuditRecord>().ToList())
        {
            // The trail is append-only: the application has no path that edits or removes a record.
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Audit records are append-only.");
            if (entry.State == EntityState.Added)
            {
                events.Add(entry.Entity);
                entry.State = EntityState.Detached;
            }
        }
        if (_scope is { } scope) RefuseWritesOutside(scope);
        // The ledger and its summaries are written set-wise by the payment run; nothing edits or removes a line.
        if (ChangeTracker.Entries().Any(e => e.Entity is PaymentLine or PaymentSummary or PaymentHeadcount && e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Ledger lines and summaries are written only by the payment run and never edited.");
        // What was put up on the village's wall stays as it was: a correction is a new posting.
        if (ChangeTracker.Entries().Any(e => e.Entity is Posting or PostingEntry && e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("A published posting is never changed; a correction is a new posting.");
        var topics = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => TopicOf(e.Entity)).OfType<ChangeTopic>().Distinct().ToList();
        var capture = AuditCapture.Take(ChangeTracker);
        if (capture.IsEmpty && events.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // On SQLite, BeginTransaction takes the write lock at once (BEGIN IMMEDIATE), so reading the chain's last
        // link below cannot race another writer; on SQL Server the unique sequence index refuses a forked chain.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = capture.IsEmpty ? 0 : await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = DateTime.UtcNow;
            var records = capture.ToRecords(now, AuditActor, AuditReason).Concat(events).ToList();
            var last = await AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
                .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
            var (sequence, hash) = last is null ? (0L, AuditRecord.Genesis) : (last.Sequence, last.Hash);
            foreach (var record in records)
            {
                record.Chain(sequence, hash, AuditKey ?? throw new InvalidOperationException("No audit key: contexts that write come from the factory."));
                (sequence, hash) = (record.Sequence, record.Hash);
                AuditRecords.Add(record);
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await ChangeCounterSql.BumpAsync(Database, topics, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            AuditReason = null;
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Reads are filtered, so an account can only change what it could load; what is left is a household put (registered or
    /// moved) into a community outside its area, refused before anything is written.
    /// </summary>
    private void RefuseWritesOutside(AreaScope scope)
    {
        foreach (var entry in ChangeTracker.Entries<Household>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var original = entry.State == EntityState.Added ? entry.Entity.CommunityId : (int)entry.OriginalValues[nameof(Household.CommunityId)]!;
            if (!scope.Covers(entry.Entity.CommunityId) || !scope.Covers(original))
                throw new OutsideAreaException(Domain.Common.Messages.Format("OutsideArea", scope.AreaName));
        }
        foreach (var entry in ChangeTracker.Entries<AssistanceApplication>())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !scope.Covers(entry.Entity.CommunityId))
                throw new OutsideAreaException(Domain.Common.Messages.Format("OutsideArea", scope.AreaName));
        foreach (var entry in ChangeTracker.Entries<Posting>())
            if (entry.State == EntityState.Added && !scope.Covers(entry.Entity.CommunityId))
                throw new OutsideAreaException(Domain.Common.Messages.Format("OutsideArea", scope.AreaName));
    }

    private static ChangeTopic? TopicOf(object entity) => entity switch
    {
        Household or Person or Enrollment or HouseholdEvent or HouseholdMove => ChangeTopic.Roster,
        BenefitStandard or StandardsProposal => ChangeTopic.Standards,
        Domain.Payments.TemporaryAssistance => ChangeTopic.TemporaryAssistance,
        PaymentMonth or Recovery or BankBatch or BankPayment or AnnualBudget => ChangeTopic.Payments,
        Domain.Monitoring.RecordImport or Domain.Monitoring.ExternalRecord or Domain.Monitoring.MonitoringWarning => ChangeTopic.Monitoring,
        _ => null,
    };

    private sealed class YearMonthConverter() : ValueConverter<YearMonth, int>(m => m.Key, k => YearMonth.FromKey(k));
}

/// <summary>The SQLite flavour of the context, with its migrations in Migrations/Sqlite.</summary>
public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options);

/// <summary>The SQL Server flavour of the context, with its migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerDashboardDbContext(DbContextOptions<SqlServerDashboardDbContext> options) : DashboardDbContext(options);
