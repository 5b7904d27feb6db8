using System.Xml.Linq;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>Keeps the Data Protection key ring in the database, shared by restarts and by every instance.</summary>
public sealed class DatabaseKeyRepository(IDbContextFactory<DashboardDbContext> contexts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var context = contexts.CreateDbContext();
        return context.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var context = contexts.CreateDbContext();
        context.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        context.SaveChanges();
    }
}
