namespace CivilAffairs.Domain.Common;

/// <summary>Who is sending the request: recorded on every change.</summary>
public interface ICurrentUser
{
    string UserName { get; }
}
