namespace OpenDaemon.Kernel.Rpc;

/// <summary>
/// Told about every RPC call once it has completed (the audit log). Called synchronously on the
/// calling thread before the answer is sent, so an implementation must only hand the outcome on
/// (a queue) and return: anything slower delays every call. An exception is logged and ignored —
/// it never fails the call.
/// </summary>
public interface IRpcCallObserver
{
    /// <summary>One call has completed (successfully or not).</summary>
    void OnCallCompleted(in RpcCallOutcome outcome);
}
