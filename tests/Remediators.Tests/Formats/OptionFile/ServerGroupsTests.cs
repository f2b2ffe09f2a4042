using CloudSharkHardening.Remediators.Formats.OptionFile;

namespace CloudSharkHardening.Remediators.Tests.Formats.OptionFile;

public sealed class ServerGroupsTests
{
    [Theory]
    [InlineData("mysqld")]
    [InlineData("MYSQLD")]
    [InlineData("server")]
    [InlineData("mariadb")]
    [InlineData("mariadbd")]
    [InlineData("client-server")]
    [InlineData("galera")]
    [InlineData("mysqld-10.11")]
    [InlineData("mariadb-5.5")]
    [InlineData("mariadbd-11.4")]
    public void IsReadByServer_ServerGroup_IsTrue(string group) => Assert.True(ServerGroups.IsReadByServer(group));

    [Theory]
    [InlineData("client")]
    [InlineData("client-mariadb")]
    [InlineData("mysqld_safe")]
    [InlineData("mysql")]
    [InlineData("mysqldump")]
    [InlineData("embedded")]
    [InlineData("server-10.11")]
    [InlineData("mariadb-10")]
    [InlineData(" mysqld")]
    [InlineData("")]
    public void IsReadByServer_OtherGroup_IsFalse(string group) => Assert.False(ServerGroups.IsReadByServer(group));
}
