using System.Text.Json;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Contracts.Tests.Errors;

public sealed class ErrorCodeNamesTests
{
    public static TheoryData<ErrorCode> AllCodes() => [.. Enum.GetValues<ErrorCode>()];

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void ToWireName_EveryCode_MatchesItsJsonName(ErrorCode code)
    {
        var json = JsonSerializer.Serialize(new ErrorInfo(code, "m"), ContractsJsonContext.Default.ErrorInfo);

        Assert.Contains($"\"code\":\"{code.ToWireName()}\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Parse_WireName_RoundTrips(ErrorCode code) =>
        Assert.Equal(code, ErrorCodeNames.Parse(code.ToWireName()));

    [Fact]
    public void ToWireName_SpecCodes_AreScreamingSnakeCase()
    {
        Assert.Equal("DAEMON_NOT_RUNNING", ErrorCode.DaemonNotRunning.ToWireName());
        Assert.Equal("PLUGIN_DEPENDENCY_MISSING", ErrorCode.PluginDependencyMissing.ToWireName());
        Assert.Equal("IPC_TIMEOUT", ErrorCode.IpcTimeout.ToWireName());
    }

    [Fact]
    public void Parse_UnknownName_IsUnknownError() =>
        Assert.Equal(ErrorCode.UnknownError, ErrorCodeNames.Parse("NO_SUCH_CODE"));

    [Fact]
    public void ErrorInfo_Json_RoundTripsCodeMessageAndHint()
    {
        var info = new ErrorInfo(ErrorCode.ProcessNotFound, "no app named api", "see 'od ls'");

        var back = JsonSerializer.Deserialize(
            JsonSerializer.Serialize(info, ContractsJsonContext.Default.ErrorInfo),
            ContractsJsonContext.Default.ErrorInfo);

        Assert.Equal(info, back);
    }
}
