using System.Text.Json.Serialization;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>Source-generated contracts for typed results in the IPC tests (the product is AOT: no reflection).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
