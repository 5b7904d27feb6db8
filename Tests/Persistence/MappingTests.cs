namespace CivilAffairs.Tests.Persistence;

/// <summary>Every DTO mapping compiles with every destination member mapped.</summary>
public class MappingTests
{
    [Fact]
    public void The_mapping_configuration_compiles_with_every_destination_member_mapped()
    {
        var config = CivilAffairs.Domain.DependencyInjection.CreateMappingConfig();
        Assert.True(config.RequireDestinationMemberSource);
        config.Compile();
        config.CompileProjection();
    }
}
