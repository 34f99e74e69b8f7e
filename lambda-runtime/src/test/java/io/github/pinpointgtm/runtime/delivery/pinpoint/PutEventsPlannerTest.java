package io.github.pinpointgtm.runtime.delivery.pinpoint;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PutEventsPlannerTest {

    private final PutEventsPlanner planner = new PutEventsPlanner();

    @Test
    void packsAtMostOneHundredEventsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 250).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        PutEventsPlanner.Plan plan = planner.plan(events);

        assertThat(plan.requests()).extracting(PlannedRequest::eventCount).containsExactly(100, 100, 50);
        assertThat(plan.oversized()).isEmpty();
        assertThat(plan.requests().stream().flatMap(r -> r.slots().stream()).flatMap(s -> s.inputIndexes().stream()))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 250).boxed().toList());
    }

    @Test
    void keepsEventsOfOneEndpointTogetherAndSendsAHitQueuedTwiceOnce() {
        List<CustomerEvent> events = List.of(event("r1", "a"), event("r2", "b"), event("r3", "a"), event("r1", "a"),
                event("r1", "b"));

        PutEventsPlanner.Plan plan = planner.plan(events);

        assertThat(plan.requests()).hasSize(1);
        List<EventSlot> slots = plan.requests().get(0).slots();
        assertThat(slots).extracting(EventSlot::endpointId, EventSlot::eventId, EventSlot::inputIndexes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "r1", List.of(0, 3)),
                org.assertj.core.groups.Tuple.tuple("a", "r3", List.of(2)),
                org.assertj.core.groups.Tuple.tuple("b", "r2", List.of(1)),
                org.assertj.core.groups.Tuple.tuple("b", "r1", List.of(4)));
    }

    @Test
    void startsANewRequestBeforeTheFourMegabyteLimit() {
        // 40 attributes of 1,000 characters: about 41 KB per event, so 100 events would be about 4.1 MB.
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            attributes.put("attribute" + i, "v".repeat(1000));
        }
        List<CustomerEvent> events = IntStream.range(0, 200)
                .mapToObj(i -> event("req-" + i, "endpoint-" + i, attributes, Map.of(), null, Map.of()))
                .toList();

        PutEventsPlanner.Plan plan = planner.plan(events);

        assertThat(plan.requests()).hasSizeGreaterThan(2);
        assertThat(plan.requests()).allSatisfy(request -> {
            assertThat(request.estimatedBytes()).isLessThanOrEqualTo(PutEventsPlanner.MAX_REQUEST_BYTES);
            assertThat(request.eventCount()).isLessThanOrEqualTo(100);
        });
        assertThat(plan.requests().stream().mapToInt(PlannedRequest::eventCount).sum()).isEqualTo(200);
    }

    @Test
    void setsAsideEventsOverThePerEventLimit() {
        PutEventsPlanner small = new PutEventsPlanner(100, 10_000, 2_000);
        CustomerEvent big = event("big", "a", Map.of("blob", "x".repeat(3_000)), Map.of(), null, Map.of());

        PutEventsPlanner.Plan plan = small.plan(List.of(event("r1", "a"), big, event("r2", "b")));

        assertThat(plan.oversized()).extracting(EventSlot::eventId).containsExactly("big");
        assertThat(plan.requests()).hasSize(1);
        assertThat(plan.requests().get(0).slots()).extracting(EventSlot::eventId).containsExactly("r1", "r2");
    }

    @Test
    void splitsByBytesWithASmallBudget() {
        PutEventsPlanner small = new PutEventsPlanner(100, 3_000, 3_000);
        List<CustomerEvent> events = IntStream.range(0, 10).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();
        long oneEvent = JsonSizeEstimator.eventBytes(events.get(0));

        PutEventsPlanner.Plan plan = small.plan(events);

        assertThat(plan.requests()).allSatisfy(r -> assertThat(r.estimatedBytes()).isLessThanOrEqualTo(3_000));
        assertThat(plan.requests().get(0).eventCount()).isEqualTo((int) (3_000 / oneEvent));
    }

    @Test
    void refusesLimitsThatCannotHoldAnEvent() {
        assertThatThrownBy(() -> new PutEventsPlanner(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PutEventsPlanner(10, 10, 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
