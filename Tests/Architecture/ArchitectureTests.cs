using CivilAffairs.Domain.Common;
using NetArchTest.Rules;

namespace CivilAffairs.Tests.Architecture;

/// <summary>The layering the design card asks for, checked on the compiled assemblies.</summary>
public class ArchitectureTests
{
    private static readonly System.Reflection.Assembly DomainAssembly = typeof(IDataSession).Assembly;

    private static void AssertHolds(TestResult result, string what) =>
        Assert.True(result.IsSuccessful, $"{what}: {string.Join(", ", result.FailingTypeNames ?? [])}");

    [Fact]
    public void The_domain_references_neither_EF_Core_nor_ASP_NET_Core()
    {
        AssertHolds(Types.InAssembly(DomainAssembly).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Data.Sqlite",
                "Microsoft.Data.SqlClient", "ClosedXML")
            .GetResult(), "Domain types that reach for infrastructure");
        var referenced = DomainAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, n => n.StartsWith("Microsoft.EntityFrameworkCore") || n.StartsWith("Microsoft.AspNetCore"));
    }

    [Fact]
    public void Handlers_reference_no_UI_types()
    {
        AssertHolds(Types.InAssembly(DomainAssembly).That().HaveNameEndingWith("Handler").ShouldNot()
            .HaveDependencyOnAny("Microsoft.AspNetCore.Components", "MudBlazor", "CivilAffairs.Dashboard", "Microsoft.AspNetCore.Http")
            .GetResult(), "Handlers that know the UI");
    }

    [Fact]
    public void The_domain_does_not_know_the_infrastructure_or_the_dashboard()
    {
        AssertHolds(Types.InAssembly(DomainAssembly).ShouldNot()
            .HaveDependencyOnAny("CivilAffairs.Infrastructure", "CivilAffairs.Dashboard")
            .GetResult(), "Domain types that know outer layers");
    }

    [Fact]
    public void Types_are_named_after_the_domain_not_after_roles()
    {
        var assemblies = new[] { DomainAssembly, typeof(CivilAffairs.Infrastructure.DependencyInjection).Assembly, typeof(Program).Assembly };
        foreach (var assembly in assemblies)
        {
            foreach (var suffix in new[] { "Manager", "Helper", "Util", "Utils" })
                AssertHolds(Types.InAssembly(assembly).ShouldNot().HaveNameEndingWith(suffix).GetResult(),
                    $"{assembly.GetName().Name}: types named *{suffix}");
        }
    }
}
