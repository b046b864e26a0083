namespace OpenDaemon.Config.Validation;

/// <summary>One row of <see cref="FieldSupport"/>.</summary>
/// <param name="Status">Whether the daemon acts on the field.</param>
/// <param name="Reason">For <see cref="FieldStatus.NotYet"/>: what happens instead, shown in the warning.</param>
/// <param name="Subtree">The row also covers every field below this one (a whole section that is not live).</param>
/// <param name="NotLiveValues">For a live field: values that are not live yet (<c>mode: cluster</c>), compared case-insensitively.</param>
internal sealed record FieldEntry(FieldStatus Status, string Reason = "", bool Subtree = false, IReadOnlyList<string>? NotLiveValues = null)
{
    public static FieldEntry Live { get; } = new(FieldStatus.Live);

    /// <summary>A live section: every field below it is live too.</summary>
    public static FieldEntry LiveSection { get; } = new(FieldStatus.Live, Subtree: true);

    public static FieldEntry NotYet(string reason) => new(FieldStatus.NotYet, reason);

    public static FieldEntry NotYetSection(string reason) => new(FieldStatus.NotYet, reason, Subtree: true);

    public static FieldEntry LiveExcept(string reason, params string[] values) => new(FieldStatus.Live, reason, NotLiveValues: values);
}
