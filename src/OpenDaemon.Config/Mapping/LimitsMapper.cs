using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps <c>limits</c> (spec §3.12), refusing actions a limit cannot take (throttling memory).</summary>
internal static class LimitsMapper
{
    public static ResourceLimits Map(ObjectReader r) => new()
    {
        Memory = r.Object("memory", Memory),
        Cpu = r.Object("cpu", Cpu),
        EventLoopLatency = r.Object("eventLoopLatency", EventLoop),
        MaxOpenFiles = r.Int("maxOpenFiles", min: 1),
        MaxChildren = r.Int("maxChildren", min: 1),
    };

    private static MemoryLimit Memory(ObjectReader r)
    {
        var defaults = new MemoryLimit();
        return new MemoryLimit
        {
            Max = Required(r, r.Size("max"), "a size like \"512M\"") ?? 0,
            Action = Action(r, LimitAction.Warn, LimitAction.Restart, LimitAction.Stop) ?? defaults.Action,
            Grace = r.Duration("grace") ?? defaults.Grace,
        };
    }

    private static CpuLimit Cpu(ObjectReader r)
    {
        var defaults = new CpuLimit();
        return new CpuLimit
        {
            Max = Required(r, r.Number("max", 0, double.MaxValue, exclusiveMin: true), "a percentage like 90") ?? 0,
            Duration = r.Duration("duration") ?? defaults.Duration,
            Action = Action(r, LimitAction.Warn, LimitAction.Throttle, LimitAction.Restart, LimitAction.Stop) ?? defaults.Action,
        };
    }

    private static EventLoopLatencyLimit EventLoop(ObjectReader r)
    {
        var defaults = new EventLoopLatencyLimit();
        return new EventLoopLatencyLimit
        {
            Max = Required(r, r.Duration("max"), "a duration like \"200ms\"") ?? TimeSpan.Zero,
            Action = Action(r, LimitAction.Warn, LimitAction.Restart) ?? defaults.Action,
        };
    }

    private static T? Required<T>(ObjectReader r, T? value, string expected)
        where T : struct
    {
        if (value is null && !r.Has("max"))
        {
            r.Context.Problem(r.PathOf("max"), "'max' is required", null, expected);
        }

        return value;
    }

    private static LimitAction? Action(ObjectReader r, params LimitAction[] allowed)
    {
        var action = r.Enum<LimitAction>("action");
        if (action is { } a && !allowed.Contains(a))
        {
            var expected = "one of " + string.Join(", ", allowed.Select(EnumNames<LimitAction>.Name));
            var found = ObjectReader.Quote(EnumNames<LimitAction>.Name(a));
            r.Context.Problem(r.PathOf("action"), $"expected {expected}, found {found}", found, expected);
            return null;
        }

        return action;
    }
}
