namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>Something a reader asks the writer's loop to run between two writes.</summary>
internal interface IWriterRequest
{
    void Run();
}

/// <summary>A request with its answer; failures reach the awaiting reader, never the loop.</summary>
internal sealed class WriterRequest<T>(Func<T> action) : IWriterRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Completion => _completion.Task;

    public void Run()
    {
        try
        {
            _completion.TrySetResult(action());
        }
        catch (Exception error)
        {
            _completion.TrySetException(error);
        }
    }
}
