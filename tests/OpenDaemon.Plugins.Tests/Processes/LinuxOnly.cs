// The process manager runs apps the Linux way (sessions, process groups, /proc); so do its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
