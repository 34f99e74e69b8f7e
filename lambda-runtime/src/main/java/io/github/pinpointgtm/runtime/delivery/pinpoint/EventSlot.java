package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.util.List;

/**
 * One event as it is sent: the input positions it stands for (several when the same hit was queued twice: same
 * endpoint, same event id), its timestamp as Pinpoint receives it (formatted once, for the size estimate and the
 * request) and its estimated size.
 */
record EventSlot(CustomerEvent event, String timestamp, List<Integer> inputIndexes, long estimatedBytes) {
    EventSlot {
        inputIndexes = List.copyOf(inputIndexes);
    }

    String endpointId() {
        return event.endpointId();
    }

    String eventId() {
        return event.eventId();
    }
}
