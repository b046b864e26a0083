namespace OpenDaemon.Contracts.Audit;

/// <summary>Parameters of <c>audit.stream</c>.</summary>
public sealed record AuditStreamParams : AuditFilterParams;

/// <summary>
/// Answer of <c>audit.stream</c>. Entries then arrive as binary frames on the same connection, as
/// <c>log.stream</c>'s do: a 4-byte big-endian stream id, then audit lines exactly as stored, one per line.
/// The stream ends with <c>audit.unstream</c> or when the connection closes.
/// </summary>
/// <param name="StreamId">Identifies this stream's frames on the connection.</param>
public sealed record AuditStreamStarted(int StreamId);

/// <summary>Parameters of <c>audit.unstream</c>.</summary>
/// <param name="StreamId">The stream to end.</param>
public sealed record AuditUnstreamParams(int StreamId);

/// <summary>Answer of <c>audit.unstream</c>.</summary>
/// <param name="StreamId">The stream named.</param>
/// <param name="Ended">False when this connection had no such stream.</param>
public sealed record AuditUnstreamResult(int StreamId, bool Ended);
