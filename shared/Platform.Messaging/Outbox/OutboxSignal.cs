using Platform.ServiceDefaults;

namespace Platform.Messaging.Outbox;

/// <summary>Wakes the outbox dispatcher as soon as a transaction that wrote outbox rows commits.</summary>
public sealed class OutboxSignal : WakeSignal;
