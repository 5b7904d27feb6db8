namespace CivilAffairs.Domain.Roster;

/// <summary>Whether a household is receiving assistance.</summary>
public enum HouseholdStatus { Active = 1, Stopped = 2 }

/// <summary>Whether a person is still a member of their household.</summary>
public enum PersonStatus { Active = 1, Removed = 2, Deceased = 3 }

/// <summary>Relationship to the head of household (与户主关系).</summary>
public enum Relationship { Head = 1, Spouse = 2, Child = 3, Parent = 4, Grandchild = 5, Sibling = 6, Other = 7 }

/// <summary>Disability category (残疾类别).</summary>
public enum DisabilityCategory { Visual = 1, Hearing = 2, Speech = 3, Physical = 4, Intellectual = 5, Mental = 6, Multiple = 7 }

/// <summary>Disability grade (残疾等级): 一级 is the most severe.</summary>
public enum DisabilityGrade { One = 1, Two = 2, Three = 3, Four = 4 }

/// <summary>Capacity to work (劳动能力).</summary>
public enum WorkCapacity { Full = 1, Partial = 2, None = 3 }

/// <summary>Why assistance stops (停发原因).</summary>
/// <summary>特困人员生活自理能力 (照料护理 level), assessed at the home visit: what care the person needs.</summary>
public enum CareLevel
{
    /// <summary>生活能够自理.</summary>
    SelfCare = 1,
    /// <summary>生活部分不能自理 (半失能).</summary>
    PartialCare = 2,
    /// <summary>生活完全不能自理 (全失能).</summary>
    FullCare = 3,
}

public enum StopReason { IncomeAboveLine = 1, MovedAway = 2, Died = 3, Other = 4, AgedOut = 5 }

/// <summary>What happened to a household, as its timeline shows.</summary>
public enum HouseholdEventKind
{
    Registered = 1,
    Stopped = 2,
    TierChanged = 3,
    MemberAdded = 4,
    MemberRemoved = 5,
    Moved = 6,
    Enrolled = 7,
    EnrollmentEnded = 8,
    /// <summary>更正: a field entered wrong put right (not a change in the household's life).</summary>
    Corrected = 9,
    /// <summary>恢复: a stopped household receives assistance again.</summary>
    Restored = 10,
    /// <summary>撤销: a change made in error undone before any month it affects was paid.</summary>
    Undone = 11,
    /// <summary>复核: the periodic review found the household still as recorded (or changed it by the change recorded with it).</summary>
    Reviewed = 12,
    /// <summary>A tracked status (低保边缘家庭, 知青) set or cleared: counted, never paid.</summary>
    StatusChanged = 13,
    /// <summary>审核确认: the application that put the household (or the member's programme) on the roster, with its path.</summary>
    ApplicationApproved = 14,
}
