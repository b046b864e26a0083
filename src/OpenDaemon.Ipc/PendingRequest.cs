namespace OpenDaemon.Ipc;

/// <summary>A request waiting for its response: what completes it and when it times out.</summary>
/// <param name="Completion">Completed by the read loop with a copy of the response's payload, or failed on timeout, cancellation or close.</param>
/// <param name="Method">The method, for the timeout message.</param>
/// <param name="Timeout">The request's timeout, for the timeout message.</param>
/// <param name="Deadline">When it times out, in <see cref="TimeProvider.GetTimestamp"/> ticks; <see cref="long.MaxValue"/> for never.</param>
internal readonly record struct PendingRequest(TaskCompletionSource<PooledPayload> Completion, string Method, TimeSpan Timeout, long Deadline);
