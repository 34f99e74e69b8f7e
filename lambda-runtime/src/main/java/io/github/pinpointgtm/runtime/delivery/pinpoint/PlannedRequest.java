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

    /** @return the first and second half of this request's events; needs at least two events */
    List<PlannedRequest> halves() {
        if (slots.size() < 2) {
            throw new IllegalStateException("a single-event request cannot be split");
        }
        int middle = slots.size() / 2;
        return List.of(new PlannedRequest(slots.subList(0, middle)), new PlannedRequest(slots.subList(middle, slots.size())));
    }
}
