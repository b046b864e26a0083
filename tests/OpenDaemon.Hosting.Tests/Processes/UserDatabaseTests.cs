using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Hosting.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class UserDatabaseTests
{
    [Fact]
    public void TryResolveUser_Root_ByNameAndById()
    {
        Assert.True(UserDatabase.TryResolveUser("root", out int uid, out int gid, out string? name));
        Assert.Equal((0, 0, "root"), (uid, gid, name));

        Assert.True(UserDatabase.TryResolveUser("0", out uid, out gid, out name));
        Assert.Equal((0, 0, "root"), (uid, gid, name));
    }

    [Fact]
    public void TryResolveUser_Nobody_HasItsPrimaryGroup()
    {
        Assert.True(UserDatabase.TryResolveUser("nobody", out int uid, out int gid, out string? name));
        Assert.Equal((65534, 65534, "nobody"), (uid, gid, name));
    }

    [Fact]
    public void TryResolveUser_NumberWithoutPasswdEntry_UsesTheUidAsGroup()
    {
        Assert.True(UserDatabase.TryResolveUser("54321", out int uid, out int gid, out string? name));
        Assert.Equal((54321, 54321, (string?)null), (uid, gid, name));
    }

    [Theory]
    [InlineData("no-such-user-od")]
    [InlineData("")]
    [InlineData("-1")]
    public void TryResolveUser_Unknown_ReturnsFalse(string nameOrId) =>
        Assert.False(UserDatabase.TryResolveUser(nameOrId, out _, out _, out _));

    [Fact]
    public void TryResolveGroup_NamesAndNumbers()
    {
        Assert.True(UserDatabase.TryResolveGroup("root", out int root));
        Assert.Equal(0, root);
        Assert.True(UserDatabase.TryResolveGroup("nogroup", out int nogroup));
        Assert.Equal(65534, nogroup);
        Assert.True(UserDatabase.TryResolveGroup("4242", out int number));
        Assert.Equal(4242, number);
        Assert.False(UserDatabase.TryResolveGroup("no-such-group-od", out _));
    }

    [Fact]
    public void UserName_And_EffectiveIds_MatchTheSystem()
    {
        Assert.Equal("root", UserDatabase.UserName(0));
        Assert.Null(UserDatabase.UserName(54321));
        Assert.Equal((int)OpenDaemon.Ipc.Interop.PosixFiles.GetUid(), UserDatabase.EffectiveUserId);
        Assert.True(UserDatabase.EffectiveGroupId >= 0);
    }
}
