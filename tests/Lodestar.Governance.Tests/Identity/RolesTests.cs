using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Governance.Tenancy;

namespace Lodestar.Governance.Tests.Identity;

public sealed class RolesTests
{
    [Fact]
    public void Parse_NoRoles_DefaultsToMember()
    {
        Assert.Equal([Role.Member], Roles.Parse([]));
    }

    [Fact]
    public void Parse_MixedCaseAndDuplicates_NormalisesInOrder()
    {
        Assert.Equal([Role.Curator, Role.Admin], Roles.Parse(["Curator", "admin", "curator"]));
    }

    [Fact]
    public void Parse_UnknownRole_ThrowsInvalid()
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => Roles.Parse(["root"])).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a b")]
    [InlineData("user:alice")]
    [InlineData("a/b")]
    public void Identifier_Require_BadName_ThrowsInvalid(string name)
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => Identifier.Require(name, "user id")).Kind);
    }

    [Fact]
    public void Identifier_RequireAll_TrimsAndDropsDuplicates()
    {
        Assert.Equal(["eng", "ops"], Identifier.RequireAll([" eng", "ops", "eng "], "group"));
    }
}
