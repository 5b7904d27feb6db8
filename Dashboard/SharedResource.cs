namespace CivilAffairs.Dashboard;

/// <summary>Anchor type of the UI's strings in Resources/SharedResource.resx (zh-CN) and its translations.</summary>
public sealed class SharedResource;
