using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.State;

/// <summary>
/// <see cref="IStateStore"/> over one JSON object file, written with <see cref="AtomicFile"/>.
/// </summary>
/// <remarks>
/// Overview: values live in memory as <see cref="JsonElement"/>s under a small lock (never held
/// across an await). Every change bumps a version and, if no write is scheduled, arms a one-shot
/// timer on the injected <see cref="TimeProvider"/>; changes within the delay share one write.
/// Writes are serialised by a semaphore and skip when the version on disk is already current.
/// The timer-started write is owned by this store: it is awaited by <see cref="DisposeAsync"/>
/// and its failure is logged (the next change or flush retries).
/// </remarks>
internal sealed partial class JsonFileStateStore : IStateStore, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _flushDelay;
    private ITimer? _timer;
    private Task _background = Task.CompletedTask;
    private long _version;
    private long _persistedVersion;

    public JsonFileStateStore(string path, ILogger logger, TimeProvider timeProvider, TimeSpan flushDelay)
    {
        _path = path;
        _logger = logger;
        _time = timeProvider;
        _flushDelay = flushDelay;
        Load();
    }

    public string FilePath => _path;

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_lock)
            {
                return [.. _values.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public T? Get<T>(string key, JsonTypeInfo<T> typeInfo)
    {
        JsonElement element;
        lock (_lock)
        {
            if (!_values.TryGetValue(key, out element))
            {
                return default;
            }
        }

        return element.Deserialize(typeInfo);
    }

    public void Set<T>(string key, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var element = JsonSerializer.SerializeToElement(value, typeInfo);
        lock (_lock)
        {
            _values[key] = element;
            Changed();
        }
    }

    public bool Remove(string key)
    {
        lock (_lock)
        {
            if (!_values.Remove(key))
            {
                return false;
            }

            Changed();
            return true;
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long version;
            byte[] content;
            lock (_lock)
            {
                version = _version;
                if (version == _persistedVersion)
                {
                    return;
                }

                content = Serialize();
            }

            await AtomicFile.WriteAsync(_path, content, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _persistedVersion = version;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task background;
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            background = _background;
        }

        await background.ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    // Caller holds _lock.
    private void Changed()
    {
        _version++;
        _timer ??= _time.CreateTimer(static state => ((JsonFileStateStore)state!).OnTimer(), this, _flushDelay, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            var previous = _background;

            // Off the timer thread and outside this lock: the write does file I/O.
            _background = Task.Run(() => FlushInBackgroundAsync(previous));
        }
    }

    private async Task FlushInBackgroundAsync(Task previous)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(_logger, _path, ex);
        }
    }

    // Caller holds _lock.
    private byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void Load()
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        if (Directory.Exists(directory))
        {
            foreach (string leftover in Directory.EnumerateFiles(directory, AtomicFile.TempPattern(Path.GetFileName(_path))))
            {
                AtomicFile.TryDelete(leftover);
            }
        }

        if (!File.Exists(_path))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(_path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"expected a JSON object, found {document.RootElement.ValueKind}");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                _values[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException ex)
        {
            _values.Clear();
            string aside = $"{_path}.corrupt-{_time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
            File.Move(_path, aside, overwrite: true);
            LogCorruptMovedAside(_logger, _path, aside, ex.Message);
        }
    }
}
