using System.Text.Json.Serialization.Metadata;

namespace OpenDaemon.Kernel.State;

/// <summary>
/// A plugin's own key/value store, persisted as <c>$StateDirectory/&lt;plugin&gt;.json</c>.
/// Writes are debounced and atomic (temp file, fsync, rename): after a crash the file holds
/// either the previous or the new content, never a mix. <see cref="FlushAsync"/> and the plugin's
/// stop persist everything pending.
/// </summary>
public interface IStateStore
{
    /// <summary>The value stored under <paramref name="key"/>, or default when absent.</summary>
    /// <exception cref="System.Text.Json.JsonException">The stored value does not fit <typeparamref name="T"/>.</exception>
    T? Get<T>(string key, JsonTypeInfo<T> typeInfo);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; persisted shortly after.</summary>
    void Set<T>(string key, T value, JsonTypeInfo<T> typeInfo);

    /// <summary>Removes <paramref name="key"/>; true when it existed.</summary>
    bool Remove(string key);

    /// <summary>The stored keys, sorted.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>Writes pending changes to disk now.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
