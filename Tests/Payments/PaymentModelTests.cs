using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Features.TemporaryAssistance;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CivilAffairs.Tests.Payments;

/// <summary>
/// The model-based test of issue 11: CsCheck generates a roster and thirteen months of events (joins, births, leaves
/// and deaths, tier changes, moves, stops dated into closed months, standards raised, lowered and corrected from past
/// months, temporary cases and revocations, children reaching 18), sends each through the mediator as staff would, and
/// runs the real payment run month by month on SQLite. After every close the ledger is recomputed with the C# rule
/// (<c>verify-ledger</c>): the month just closed line by line, every closed month by the settlement invariant. A failing
/// case shrinks and prints as the list of events that produced it.
/// </summary>
public sealed class PaymentModelTests(ITestOutputHelper output)
{
    private static readonly YearMonth First = new(2023, 1);
    private const int Months = 13;

    /// <summary>One event, its parameters small integers the runner maps onto the roster of the moment (so it shrinks well).</summary>
    public sealed record Event(EventKind Kind, int Household, int A, int B, int BackMonths)
    {
        public override string ToString() => $"{Kind}(户#{Household}, {A}, {B}, 回溯{BackMonths}月)";
    }

    public enum EventKind { Register, Join, Birth, Leave, Death, ChangeTier, Move, Stop, RaiseStandard, CorrectStandard, Temporary, Revoke, EnrollPerson }

    /// <summary>A household at registration: its residence, dibao tier (none for a person-programmes household) and members' birth dates.</summary>
    public sealed record HouseholdSeed(Residence Residence, int Tier, int Township, DateOnly[] Births, bool Disabled)
    {
        public override string ToString() => $"{Residence}/{(Tier == 0 ? "无低保" : "ABC"[Tier - 1])}/乡镇{Township}/[{string.Join(",", Births)}]{(Disabled ? "/残" : "")}";
    }

    public sealed record Scenario(HouseholdSeed[] Households, Event[][] Months)
    {
        public override string ToString() =>
            "户：" + string.Join("；", Households.Select((h, i) => $"#{i} {h}")) + "\n" +
            string.Join("\n", Months.Select((events, i) => $"{First.AddMonths(i)}：{string.Join("，", events.Select(e => e.ToString()))}"));
    }

    private static readonly Gen<DateOnly> AdultBirth = Gen.Select(Gen.Int[1940, 2004], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => new DateOnly(y, m, d));
    // Children born from 2005 reach 18 inside the thirteen months; born by 2022 they can be registered in January 2023.
    private static readonly Gen<DateOnly> ChildBirth = Gen.Select(Gen.Int[2005, 2022], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => new DateOnly(y, m, d));

    private static readonly Gen<HouseholdSeed> Seed = Gen.Select(Gen.Enum<Residence>(), Gen.Int[0, 3], Gen.Int[0, 3],
        Gen.Select(AdultBirth.Array[1, 3], ChildBirth.Array[0, 2], (a, c) => a.Concat(c).ToArray()), Gen.Bool,
        (r, t, w, b, d) => new HouseholdSeed(r, t, w, b, d));

    private static readonly Gen<Event> AnyEvent = Gen.Select(
        Gen.Frequency((3, Gen.Const(EventKind.Join)), (2, Gen.Const(EventKind.Birth)), (3, Gen.Const(EventKind.Leave)), (2, Gen.Const(EventKind.Death)),
            (3, Gen.Const(EventKind.ChangeTier)), (2, Gen.Const(EventKind.Move)), (2, Gen.Const(EventKind.Stop)), (3, Gen.Const(EventKind.RaiseStandard)),
            (2, Gen.Const(EventKind.CorrectStandard)), (2, Gen.Const(EventKind.Temporary)), (3, Gen.Const(EventKind.Revoke)),
            (3, Gen.Const(EventKind.EnrollPerson)), (1, Gen.Const(EventKind.Register))),
        Gen.Int[0, 9], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Frequency((3, Gen.Const(0)), (2, Gen.Int[1, 4])),
        (k, h, a, b, back) => new Event(k, h, a, b, back));

    private static readonly Gen<Scenario> Scenarios = Gen.Select(Seed.Array[2, 6], AnyEvent.Array[0, 4].Array[Months, Months],
        (h, m) => new Scenario(h, m));

    [Fact]
    public async Task Every_month_of_generated_events_is_paid_and_settled_as_the_csharp_rule_says()
    {
        // A handful of scenarios in the README's suite; PAYMENT_MODEL_ITERATIONS runs more (docs/performance.md).
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("PAYMENT_MODEL_ITERATIONS"), out var n) ? n : 8;
        await Scenarios.SampleAsync(async scenario => await new ScenarioRun(scenario).RunAsync(), iter: iterations, threads: 1,
            writeLine: output.WriteLine, seed: Environment.GetEnvironmentVariable("PAYMENT_MODEL_SEED"), print: s => s.ToString());
        output.WriteLine("accepted: " + string.Join(", ", ScenarioRun.Accepted.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}")));
        // Every kind of event must have taken part in some history, else the test proves less than it says.
        Assert.All(Enum.GetValues<EventKind>().Where(k => k != EventKind.Register), k => Assert.True(ScenarioRun.Accepted.GetValueOrDefault(k) > 0, $"{k} never accepted"));
    }

    /// <summary>Plays one scenario on a fresh migrated database, failing on the first month the ledger disagrees with the rule.</summary>
    private sealed class ScenarioRun(Scenario scenario)
    {
        private static readonly string[] DibaoRural = [ProgrammeCatalogue.RuralDibaoA, ProgrammeCatalogue.RuralDibaoB, ProgrammeCatalogue.RuralDibaoC];
        private static readonly string[] DibaoUrban = [ProgrammeCatalogue.UrbanDibaoA, ProgrammeCatalogue.UrbanDibaoB, ProgrammeCatalogue.UrbanDibaoC];
        private static readonly string[] PersonVariants =
        [
            ProgrammeCatalogue.DisabilityLiving, ProgrammeCatalogue.DisabilityNursing, ProgrammeCatalogue.OrphanScattered,
            ProgrammeCatalogue.UnattendedChild, ProgrammeCatalogue.ExtremePovertyRuralAtHome, ProgrammeCatalogue.ExtremePovertyUrbanAtHome,
        ];
        private static readonly string[] Townships = ["三都镇", "东江街道", "蓼江镇", "黄草镇"];
        private readonly List<int> _households = [];
        private readonly List<int> _temporary = [];
        private readonly Dictionary<int, Residence> _residence = [];
        private int _sequence = 300;
        private TestDatabase _db = default!;

        public async Task RunAsync()
        {
            await using var db = await TestDatabase.CreateAsync();
            _db = db;
            for (var i = 0; i < scenario.Households.Length; i++) await RegisterAsync(scenario.Households[i], First);
            for (var i = 0; i < Months; i++)
            {
                var month = First.AddMonths(i);
                foreach (var e in scenario.Months[i]) await ApplyAsync(e, month);
                var closed = await _db.SendAsync(new ClosePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = month, ComputeFirst = true }, Roles.Caseworker);
                Assert.True(closed.Succeeded, $"{month} 未能结算：" + string.Join("；", closed.Errors.Select(x => x.Message)));
                var verification = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
                Assert.True(verification.Agrees, $"{month} 结算后账目与规则不符：\n" + string.Join("\n", verification.Differences.Take(10).Select(d => d.Description)));
                Assert.Equal(i + 1, verification.MonthsChecked);
                Assert.Equal(0, verification.PendingHouseholds);
                Assert.Empty(await _db.SendAsync(new VerifySummaries(RosterBuilder.Bureau), Roles.Caseworker));
            }
        }

        /// <summary>How many events of each kind the product accepted, so a generator that only produces refusals shows.</summary>
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<EventKind, int> Accepted = new();

        private Task<T> Count<T>(Event e, Mediator.IRequest<T> request) where T : Result => Count(e.Kind, request);

        private async Task<T> Count<T>(EventKind kind, Mediator.IRequest<T> request) where T : Result
        {
            var result = await _db.SendAsync(request, kind is EventKind.RaiseStandard or EventKind.CorrectStandard ? Roles.StandardsAdmin : Roles.Caseworker);
            if (result.Succeeded) Accepted.AddOrUpdate(kind, 1, (_, n) => n + 1);
            return result;
        }

        private string Id(DateOnly birth, bool female) => IdNumber.Compose(RosterBuilder.Bureau, birth, (_sequence += 2) + (female ? 0 : 1)).Value;

        private async Task<int> CommunityAsync(int township)
        {
            var areas = await _db.SendAsync(new ListAreas(RosterBuilder.Bureau), Roles.Caseworker);
            return areas.Single(t => t.Name == Townships[township % Townships.Length]).Communities[0].Id;
        }

        private async Task RegisterAsync(HouseholdSeed seed, YearMonth month)
        {
            var variants = seed.Residence == Residence.Rural ? DibaoRural : DibaoUrban;
            var members = seed.Births.Select((birth, i) => new MemberInput
            {
                Name = $"成员{_sequence}{i}", IdNumber = Id(birth, i % 2 == 1), Relationship = i == 0 ? Relationship.Head : birth.Year >= 2005 ? Relationship.Child : Relationship.Spouse,
                DisabilityGrade = seed.Disabled && i == 0 ? DisabilityGrade.One : null, DisabilityCategory = seed.Disabled && i == 0 ? DisabilityCategory.Physical : null,
                WorkCapacity = seed.Disabled && i == 0 ? WorkCapacity.None : WorkCapacity.Full,
            }).ToList();
            var result = await _db.SendAsync(new RegisterHousehold
            {
                CommunityId = await CommunityAsync(seed.Township), Address = "1 组 1 号", Residence = seed.Residence, Month = month,
                VariantCode = seed.Tier == 0 ? null : variants[seed.Tier - 1], BankAccount = "6217995550001234561", Members = members,
            }, Roles.Caseworker);
            if (!result.Succeeded) return;
            _households.Add(result.Value);
            _residence[result.Value] = seed.Residence;
        }

        /// <summary>Sends the event's request; a request the product refuses (a rule, a validator) is simply not part of the history.</summary>
        private async Task ApplyAsync(Event e, YearMonth open)
        {
            var month = open.AddMonths(-Math.Min(e.BackMonths, First.MonthsUntil(open)));
            if (e.Kind == EventKind.Register)
            {
                await RegisterAsync(new HouseholdSeed((Residence)(e.A % 2 + 1), e.B % 4, e.A % 4, [new DateOnly(1960 + e.B % 40, 3, 9)], false), open);
                return;
            }
            var household = _households[e.Household % _households.Count];
            var detail = (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!;
            var active = detail.Members.Where(m => m.LeftMonth is null).ToList();
            var member = active.Count == 0 ? null : active[e.A % active.Count];
            var variants = _residence[household] == Residence.Rural ? DibaoRural : DibaoUrban;
            switch (e.Kind)
            {
                case EventKind.Join:
                    await Count(e, new AddMember { HouseholdId = household, Month = open, Member = Member(new DateOnly(1950 + e.B % 60, 1 + e.A % 12, 5)) });
                    break;
                case EventKind.Birth:
                    await Count(e, new AddMember { HouseholdId = household, Month = open, Member = Member(new DateOnly(open.Year, open.Month, 1 + e.B % 28)) });
                    break;
                case EventKind.Leave or EventKind.Death when member is not null:
                    await Count(e, new RemoveMember(household, member.Id, month, e.Kind == EventKind.Death));
                    break;
                case EventKind.ChangeTier:
                    await Count(e, new ChangeTier { HouseholdId = household, Month = month, VariantCode = variants[e.A % 3] });
                    break;
                case EventKind.Move:
                    await Count(e, new MoveHousehold(household, await CommunityAsync(e.A), open));
                    break;
                case EventKind.Stop:
                    await Count(e, new StopHousehold { HouseholdId = household, Month = month, Reason = StopReason.Died });
                    break;
                case EventKind.RaiseStandard:
                    await AdjustAsync(Standardised(e.A), month, e.B - 40);
                    break;
                case EventKind.CorrectStandard:
                    await CorrectAsync(Standardised(e.A), month, e.B - 40);
                    break;
                case EventKind.Temporary:
                    var recorded = await Count(e, new RecordTemporaryAssistance
                    {
                        HouseholdId = household, PersonId = e.A % 2 == 0 ? null : member?.Id, Persons = 1, Month = open, Amount = 500m + e.B * 17.5m,
                        Reason = "火灾", ApprovalNumber = $"临救{_sequence++}", ApprovedBy = "审批人",
                    });
                    if (recorded.Succeeded) _temporary.Add(recorded.Value);
                    break;
                case EventKind.Revoke when _temporary.Count > 0:
                    // A revoked case leaves the list, so later revocations are not spent on refusals.
                    var revoked = _temporary[e.A % _temporary.Count];
                    if ((await Count(e, new RevokeTemporaryAssistance(revoked, "虚报"))).Succeeded) _temporary.Remove(revoked);
                    break;
                case EventKind.EnrollPerson when member is not null:
                    var suited = member.BirthDate.Year >= 2005 ? PersonVariants[2 + e.B % 2] : member.DisabilityGrade is not null ? PersonVariants[e.B % 2]
                        : PersonVariants[_residence[household] == Residence.Rural ? 4 : 5];
                    await Count(e, new EnrollPerson(household, member.Id, e.B % 5 == 0 ? PersonVariants[e.B % PersonVariants.Length] : suited, open));
                    break;
            }
        }

        private MemberInput Member(DateOnly birth) => new()
        {
            Name = $"新成员{_sequence}", IdNumber = Id(birth, _sequence % 4 == 0), Relationship = birth.Year >= 2005 ? Relationship.Child : Relationship.Spouse,
        };

        private static string Standardised(int pick) => ProgrammeCatalogue.All.Where(v => v.HasMonthlyStandard).ElementAt(pick % 15).Code;

        private async Task AdjustAsync(string variant, YearMonth from, int delta)
        {
            var current = await AmountAsync(variant, from);
            if (current is null) return;
            await Count(EventKind.RaiseStandard, new AdjustStandards
            {
                JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = from.FirstDay, DocumentNumber = $"资民发〔2023〕{_sequence++}号", Reason = "调整",
                Items = [new() { VariantCode = variant, NewAmount = Math.Max(10m, current.Value.Amount + delta) }],
            });
        }

        private async Task CorrectAsync(string variant, YearMonth month, int delta)
        {
            if (await AmountAsync(variant, month) is not { } current) return;
            await Count(EventKind.CorrectStandard, new CorrectStandard
            {
                VersionId = current.Id, NewAmount = Math.Max(10m, current.Amount + delta + 0.5m), DocumentNumber = $"资民更〔2023〕{_sequence++}号", Reason = "录入有误",
            });
        }

        private async Task<(int Id, decimal Amount)?> AmountAsync(string variant, YearMonth month)
        {
            await using var context = _db.NewContext();
            var versions = await context.BenefitStandards.AsNoTracking().Where(s => s.VariantCode == variant).ToListAsync();
            return Domain.Standards.BenefitStandard.InForce(versions, variant, month) is { } s ? (s.Id, s.MonthlyAmount) : null;
        }
    }
}
