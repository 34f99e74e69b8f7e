package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.policy.PinpointLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs events into PutEvents requests within Pinpoint's ingestion quotas: at most 100 events and 4 MB per request,
 * at most 1,000 KB per event. Events of one endpoint are kept next to each other so they share one
 * {@code EventsBatch}; a hit queued twice (same endpoint and event id) is sent once.
 */
final class PutEventsPlanner {

    /** Pinpoint's quota: events per PutEvents request. */
    static final int MAX_EVENTS_PER_REQUEST = 100;
    /** Pinpoint's 4 MB per request, taken as 4,000,000 bytes less 12.5% headroom for the estimate's blind spots. */
    static final long MAX_REQUEST_BYTES = 3_500_000;
    /** Pinpoint's 1,000 KB per event, the limit the policy checks too. */
    static final long MAX_EVENT_BYTES = PinpointLimits.MAX_EVENT_BYTES;

    private final int maxEventsPerRequest;
    private final long maxRequestBytes;
    private final long maxEventBytes;

    PutEventsPlanner() {
        this(MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES, MAX_EVENT_BYTES);
    }

    PutEventsPlanner(int maxEventsPerRequest, long maxRequestBytes, long maxEventBytes) {
        if (maxEventsPerRequest < 1 || maxRequestBytes < 1 || maxEventBytes < 1 || maxEventBytes > maxRequestBytes) {
            throw new IllegalArgumentException("limits must be positive and an event must fit in a request");
        }
        this.maxEventsPerRequest = maxEventsPerRequest;
        this.maxRequestBytes = maxRequestBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * @param requests  the requests to send, in order
     * @param oversized events over the per-event size limit, which Pinpoint would refuse (never sent)
     */
    record Plan(List<PlannedRequest> requests, List<EventSlot> oversized) {
    }

    Plan plan(List<CustomerEvent> events) {
        List<EventSlot> oversized = new ArrayList<>();
        List<PlannedRequest> requests = new ArrayList<>();
        List<EventSlot> current = new ArrayList<>();
        long currentBytes = 0;
        for (EventSlot slot : slotsGroupedByEndpoint(events)) {
            if (slot.estimatedBytes() > maxEventBytes) {
                oversized.add(slot);
                continue;
            }
            if (!current.isEmpty()
                    && (current.size() == maxEventsPerRequest || currentBytes + slot.estimatedBytes() > maxRequestBytes)) {
                requests.add(new PlannedRequest(current));
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(slot);
            currentBytes += slot.estimatedBytes();
        }
        if (!current.isEmpty()) {
            requests.add(new PlannedRequest(current));
        }
        return new Plan(List.copyOf(requests), List.copyOf(oversized));
    }

    private static List<EventSlot> slotsGroupedByEndpoint(List<CustomerEvent> events) {
        Map<String, Map<String, List<Integer>>> indexesByEndpointAndEventId = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            CustomerEvent event = events.get(i);
            indexesByEndpointAndEventId
                    .computeIfAbsent(event.endpointId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(event.eventId(), id -> new ArrayList<>())
                    .add(i);
        }
        List<EventSlot> slots = new ArrayList<>(events.size());
        for (Map<String, List<Integer>> byEventId : indexesByEndpointAndEventId.values()) {
            for (List<Integer> indexes : byEventId.values()) {
                CustomerEvent first = events.get(indexes.get(0));
                String timestamp = PutEventsRequestFactory.timestamp(first);
                slots.add(new EventSlot(first, timestamp, indexes, JsonSizeEstimator.eventBytes(first, timestamp)));
            }
        }
        return slots;
    }
}
