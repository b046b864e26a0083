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

    /// <summary>True for <c>"max"</c>: resolve to the usable CPU count at start.</summary>
    public bool IsMax { get; init; }

    /// <summary>With <see cref="IsMax"/>: CPUs left free (<c>"max-1"</c>, PM2's <c>instances: -1</c>).</summary>
    public int Reserved { get; init; }

    /// <summary>A fixed count.</summary>
    public static InstanceCount Fixed(int count) => new() { Count = count };

    /// <summary>All usable CPUs but <paramref name="reserved"/> (at least one instance).</summary>
    public static InstanceCount AllBut(int reserved) => reserved == 0 ? Max : new() { IsMax = true, Reserved = reserved };

    /// <summary>The concrete count given <paramref name="processorCount"/> usable CPUs.</summary>
    public int Resolve(int processorCount) => IsMax ? Math.Max(1, processorCount - Reserved) : Count;

    /// <inheritdoc />
    public override string ToString() =>
        IsMax ? (Reserved == 0 ? "max" : $"max-{Reserved.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
        : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
