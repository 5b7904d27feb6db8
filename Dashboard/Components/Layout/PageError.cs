using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Dashboard.Components.Layout;

/// <summary>What a page says when an action fails unexpectedly: the refusal's own words, or a plain message that nothing was saved.</summary>
public static class PageError
{
    public static string MessageOf(Exception error) => error switch
    {
        PermissionDeniedException or PasswordConfirmationRequiredException => error.Message,
        OutOfMemoryException or InsufficientExecutionStackException => Messages.Get("PageError.TooLarge"),
        System.Xml.XmlException or InvalidDataException => Messages.Get("PageError.BadFile"),
        _ => Messages.Get("PageError.Unexpected"),
    };
}
