namespace OpenDaemon.Kernel.Tests.Support;

internal sealed record TestPluginConfig(int Port, string Mode);
