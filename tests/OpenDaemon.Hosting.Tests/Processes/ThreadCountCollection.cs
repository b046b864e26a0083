namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>Tests that count the process's threads run alone: parallel tests would add threads of their own.</summary>
[CollectionDefinition(nameof(ThreadCountCollection), DisableParallelization = true)]
public sealed class ThreadCountCollection;
