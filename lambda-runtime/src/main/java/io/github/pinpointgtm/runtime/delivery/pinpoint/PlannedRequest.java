package io.github.pinpointgtm.runtime.delivery.pinpoint;

import java.util.List;

/** The events of one PutEvents call, within Pinpoint's per-request limits. */
record PlannedRequest(List<EventSlot> slots) {
    PlannedRequest {
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("a PutEvents request needs at least one event");
        }
        slots = List.copyOf(slots);
    }

    int eventCount() {
        return slots.size();
    }

    long estimatedBytes() {
        return slots.stream().mapToLong(EventSlot::estimatedBytes).sum();
    }
}
