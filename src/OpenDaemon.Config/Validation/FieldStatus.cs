namespace OpenDaemon.Config.Validation;

/// <summary>Whether the daemon acts on a configuration field today (see <see cref="FieldSupport"/>).</summary>
internal enum FieldStatus
{
    /// <summary>Read and acted on.</summary>
    Live,

    /// <summary>Accepted by the schema but nothing acts on it yet: a "not supported yet" warning.</summary>
    NotYet,

    /// <summary>Refused with a problem by its mapper, which says why and what to use instead.</summary>
    Rejected,
}
