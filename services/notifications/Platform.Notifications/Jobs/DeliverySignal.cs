namespace Platform.Notifications.Jobs;

/// <summary>Wakes the delivery dispatcher when a consumer committed new deliveries (instead of waiting for the poll).</summary>
public sealed class DeliverySignal : WakeSignal;
