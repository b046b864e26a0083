using System.Reflection;
using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Config.Validation;

namespace OpenDaemon.Config.Tests.Validation;

/// <summary>The table of live fields covers the whole schema: adding a field to the model without a row fails here.</summary>
public sealed class FieldSupportTests
{
    // Model properties whose config key is spelled differently (flat cron keys, logHistory).
    private static readonly Dictionary<string, string> KeyOf = new(StringComparer.Ordinal)
    {
        ["apps[].schedule"] = "apps[].cron",
        ["apps[].schedule.cron"] = "apps[].cron",
        ["apps[].schedule.timezone"] = "apps[].cronTimezone",
        ["apps[].schedule.allowOverlap"] = "apps[].cronOverlap",
        ["apps[].schedule.retry"] = "apps[].cronRetry",
        ["apps[].schedule.catchUp"] = "apps[].cronCatchUp",
        ["apps[].logs.history"] = "apps[].logs.logHistory",
        ["api.certificateFile"] = "api.tls.cert",
        ["api.keyFile"] = "api.tls.key",
        ["api.corsOrigins"] = "api.cors.origins",
        ["api.requestsPerSecond"] = "api.rateLimit.perSecond",
        ["api.burst"] = "api.rateLimit.burst",
        ["daemon.socketTokenRequired"] = "daemon.socketAuth",
        ["daemon.socketRequestsPerSecond"] = "daemon.socketRateLimit.perSecond",
        ["daemon.socketBurst"] = "daemon.socketRateLimit.burst",
    };

    // Types written as one value in a config (a string, a number, an object of a fixed small shape).
    private static readonly HashSet<Type> ValueTypes = [typeof(string), typeof(TimeSpan), typeof(EnvValue), typeof(InstanceCount), typeof(BodyMatch), typeof(JsonElement)];

    [Fact]
    public void Fields_EveryPropertyOfTheModel_HasARow()
    {
        var missing = SchemaPaths(typeof(OpenDaemonConfig), string.Empty, [])
            .Select(path => KeyOf.TryGetValue(path, out var key) ? key : path)
            .Select(FieldSupport.SchemaPath)
            .Where(path => FieldSupport.Find(path) is null)
            .ToList();

        Assert.True(missing.Count == 0, "add these fields to FieldSupport (Live, or NotYet with a reason): " + string.Join(", ", missing));
    }

    [Fact]
    public void SchemaPaths_OfTheModel_IncludeNestedAndListFields()
    {
        // Guards the walker itself: a walker that found nothing would pass the test above.
        var paths = SchemaPaths(typeof(OpenDaemonConfig), string.Empty, []).ToList();

        Assert.Contains("apps[].watch.ignore", paths);
        Assert.Contains("apps[].healthCheck.checks", paths);
        Assert.Contains("apps[].notifications.channels[].smtp.host", paths);
        Assert.Contains("daemon.shutdownTimeout", paths);
        Assert.True(paths.Count > 100, $"only {paths.Count} paths found");
    }

    [Theory]
    [InlineData("apps[3].healthCheck.checks[0].checks[1].url", "apps[].healthCheck.url")]
    [InlineData("apps[0].watch", "apps[].watch")]
    [InlineData("plugins.log-manager", "plugins.*")]
    public void SchemaPath_OfAJsonPath_DropsIndicesAndFoldsNestedChecks(string path, string expected) =>
        Assert.Equal(expected, FieldSupport.SchemaPath(path));

    [Fact]
    public void Find_FieldInsideANotLiveSection_ReturnsTheSection()
    {
        var entry = FieldSupport.Find("apps[].deploy.healthCheck.url");

        Assert.NotNull(entry);
        Assert.Equal(FieldStatus.NotYet, entry.Status);
        Assert.Same(FieldSupport.Fields["apps[].deploy"], entry);
    }

    [Fact]
    public void Fields_NotYetRows_SayWhatHappensInstead() =>
        Assert.All(FieldSupport.Fields.Where(row => row.Value.Status == FieldStatus.NotYet || row.Value.NotLiveValues is not null),
            row => Assert.False(string.IsNullOrWhiteSpace(row.Value.Reason), row.Key));

    private static IEnumerable<string> SchemaPaths(Type type, string prefix, HashSet<Type> open)
    {
        open.Add(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            var path = (prefix.Length == 0 ? string.Empty : prefix + ".") + char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            yield return path;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = ListElement(propertyType);
            var record = element ?? propertyType;
            if (IsRecord(record) && !open.Contains(record))
            {
                foreach (var child in SchemaPaths(record, element is null ? path : path + "[]", open))
                {
                    yield return child;
                }
            }
        }

        open.Remove(type);
    }

    private static bool IsRecord(Type type) =>
        type.Namespace == typeof(OpenDaemonConfig).Namespace && type.IsClass && !ValueTypes.Contains(type);

    private static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}
