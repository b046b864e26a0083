namespace OpenDaemon.Ipc.Paths;

/// <summary>Which path rules apply; injectable so every platform's rules are testable anywhere.</summary>
internal enum HostPlatform
{
    Linux,
    MacOS,
    OtherUnix,
    Windows,
}
