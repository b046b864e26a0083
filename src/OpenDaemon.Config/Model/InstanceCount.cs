namespace OpenDaemon.Config.Model;

/// <summary>How many instances to run: a fixed count, or <c>"max"</c> (one per CPU core).</summary>
public sealed record InstanceCount
{
    /// <summary>One instance, the default.</summary>
    public static InstanceCount One { get; } = new() { Count = 1 };

    /// <summary>One instance per CPU core.</summary>
    public static InstanceCount Max { get; } = new() { IsMax = true };

    /// <summary>The fixed count (≥ 1); ignored when <see cref="IsMax"/>.</summary>
    public int Count { get; init; } = 1;

    /// <summary>True for <c>"max"</c>: resolve to the CPU count at start.</summary>
    public bool IsMax { get; init; }

    /// <summary>A fixed count.</summary>
    public static InstanceCount Fixed(int count) => new() { Count = count };

    /// <summary>The concrete count on a machine with <paramref name="processorCount"/> cores.</summary>
    public int Resolve(int processorCount) => IsMax ? Math.Max(1, processorCount) : Count;

    /// <inheritdoc />
    public override string ToString() => IsMax ? "max" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
