namespace OpenDaemon.Contracts.Events;

/// <summary>Parameters of <c>event.subscribe</c>.</summary>
/// <param name="Topics">Topic patterns: an exact topic (<c>process:online</c>), a prefix ending in <c>*</c> (<c>process:*</c>), or <c>*</c>.</param>
public sealed record EventSubscribeParams(IReadOnlyList<string> Topics);

/// <summary>Result of <c>event.subscribe</c>: the id its notifications carry.</summary>
/// <param name="SubscriptionId">Unique on its connection.</param>
/// <param name="Topics">The patterns in effect (duplicates and patterns another one covers removed).</param>
public sealed record EventSubscription(int SubscriptionId, IReadOnlyList<string> Topics);

/// <summary>Parameters of <c>event.unsubscribe</c>.</summary>
/// <param name="SubscriptionId">What <c>event.subscribe</c> answered.</param>
public sealed record EventUnsubscribeParams(int SubscriptionId);

/// <summary>Result of <c>event.unsubscribe</c>.</summary>
/// <param name="Unsubscribed">False when no such subscription was open on this connection.</param>
public sealed record EventUnsubscribeResult(bool Unsubscribed);
