using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps <c>notifications</c> (spec §3.11) and checks each channel has what its type needs.</summary>
internal static class NotificationsMapper
{
    public static NotificationConfig Map(ObjectReader r) => new()
    {
        Channels = r.ObjectList("channels", Channel) ?? [],
        Throttle = r.Duration("throttle"),
        BatchWindow = r.Duration("batchWindow"),
    };

    private static NotificationChannel Channel(ObjectReader r)
    {
        var defaults = new NotificationChannel();
        if (!r.Has("type"))
        {
            r.Context.Problem(r.PathOf("type"), "'type' is required", null, EnumNames<NotificationChannelType>.Expected);
        }

        var channel = new NotificationChannel
        {
            Type = r.Enum<NotificationChannelType>("type") ?? defaults.Type,
            Url = Url(r),
            Smtp = r.Object("smtp", Smtp),
            To = r.StringList("to") ?? defaults.To,
            Events = r.StringList("events") ?? defaults.Events,
        };
        if (channel.Type == NotificationChannelType.Email)
        {
            if (!r.Has("smtp"))
            {
                r.Context.Problem(r.PathOf("smtp"), "an 'email' channel needs 'smtp'", null, "an object with host, port, user, password");
            }

            if (!r.Has("to"))
            {
                r.Context.Problem(r.PathOf("to"), "an 'email' channel needs 'to'", null, "a list of email addresses");
            }
        }
        else if (!r.Has("url"))
        {
            r.Context.Problem(r.PathOf("url"), $"a '{EnumNames<NotificationChannelType>.Name(channel.Type)}' channel needs 'url'", null, "an https:// URL");
        }

        return channel;
    }

    private static string? Url(ObjectReader r)
    {
        var url = r.String("url");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            r.Context.Problem(r.PathOf("url"), $"expected an absolute http:// or https:// URL, found {ObjectReader.Quote(url)}", ObjectReader.Quote(url), "an absolute URL");
            return null;
        }

        return url;
    }

    private static SmtpConfig Smtp(ObjectReader r)
    {
        var password = r.Get("password");
        return new SmtpConfig
        {
            Host = r.String("host", required: true) ?? string.Empty,
            Port = r.Int("port", 1, 65535) ?? 587,
            Secure = r.Bool("secure") ?? false,
            User = r.String("user"),
            Password = password is { } p ? ObjectReader.ReadEnvValue(p, r.PathOf("password"), r.Context) : null,
            From = r.String("from"),
        };
    }
}
