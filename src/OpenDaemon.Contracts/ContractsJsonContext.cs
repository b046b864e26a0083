using System.Text.Json.Serialization;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Plugins;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Contracts.Watch;

namespace OpenDaemon.Contracts;

/// <summary>
/// Source-generated JSON for every wire type, so nothing needs a reflection serializer
/// (the released <c>od</c> is Native AOT). Names are camelCase; nulls are omitted.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(ErrorInfo))]
[JsonSerializable(typeof(WatchList))]
[JsonSerializable(typeof(OpenDaemon.Contracts.Scaling.AutoScaleList))]
[JsonSerializable(typeof(OpenDaemon.Contracts.Scaling.AutoScaleDecision))]
[JsonSerializable(typeof(EventSubscribeParams))]
[JsonSerializable(typeof(EventSubscription))]
[JsonSerializable(typeof(EventUnsubscribeParams))]
[JsonSerializable(typeof(EventUnsubscribeResult))]
[JsonSerializable(typeof(EventNotification))]
[JsonSerializable(typeof(SubscriptionClosed))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(DaemonStatusInfo))]
[JsonSerializable(typeof(ShutdownResult))]
[JsonSerializable(typeof(PluginSummary))]
[JsonSerializable(typeof(PluginList))]
[JsonSerializable(typeof(PluginNameParams))]
[JsonSerializable(typeof(ConfigReloadResult))]
[JsonSerializable(typeof(ValidateResult))]
[JsonSerializable(typeof(InitResult))]
[JsonSerializable(typeof(OfflineError))]
[JsonSerializable(typeof(ProcessStartParams))]
[JsonSerializable(typeof(ProcessTargetParams))]
[JsonSerializable(typeof(ProcessScaleParams))]
[JsonSerializable(typeof(ProcessList))]
[JsonSerializable(typeof(ProcessDetail))]
[JsonSerializable(typeof(ProcessDetailList))]
[JsonSerializable(typeof(ProcessEnvironment))]
[JsonSerializable(typeof(ProcessSetParams))]
[JsonSerializable(typeof(ProcessSaveResult))]
[JsonSerializable(typeof(ProcessSignalParams))]
[JsonSerializable(typeof(ProcessEvent))]
[JsonSerializable(typeof(MetricQueryParams))]
[JsonSerializable(typeof(MetricSnapshot))]
[JsonSerializable(typeof(MetricHistory))]
[JsonSerializable(typeof(MetricExposition))]
[JsonSerializable(typeof(ExporterStatus))]
[JsonSerializable(typeof(HealthEvent))]
[JsonSerializable(typeof(AppEvent))]
[JsonSerializable(typeof(DependencyGraphInfo))]
[JsonSerializable(typeof(OpenDaemon.Contracts.Scheduling.ScheduleList))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(AuditSearchParams))]
[JsonSerializable(typeof(AuditSearchResult))]
[JsonSerializable(typeof(AuditStreamParams))]
[JsonSerializable(typeof(AuditStreamStarted))]
[JsonSerializable(typeof(AuditUnstreamParams))]
[JsonSerializable(typeof(AuditUnstreamResult))]
[JsonSerializable(typeof(AuditVerifyResult))]
[JsonSerializable(typeof(LogEntry))]
[JsonSerializable(typeof(LogSearchParams))]
[JsonSerializable(typeof(LogSearchResult))]
[JsonSerializable(typeof(LogStreamParams))]
[JsonSerializable(typeof(LogStreamStarted))]
[JsonSerializable(typeof(LogUnstreamParams))]
[JsonSerializable(typeof(LogUnstreamResult))]
[JsonSerializable(typeof(LogFlushParams))]
[JsonSerializable(typeof(LogFlushResult))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
