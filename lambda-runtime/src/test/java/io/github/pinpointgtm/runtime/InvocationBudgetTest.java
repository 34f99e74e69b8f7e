package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class InvocationBudgetTest {

    /** A clock that stands still: the deadlines' remaining time is exactly what the budget gave them. */
    private static final LongSupplier FROZEN = () -> 42L;

    private static void assertExactly(Duration actual, long expectedMillis) {
        assertThat(actual).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void leavesProportionalMarginsOnShortBudgets() {
        InvocationBudget budget = InvocationBudget.fromRemaining(Duration.ofMillis(4_000), FROZEN);

        assertExactly(budget.finishDeadline().remaining(), 3_600);
        assertExactly(budget.deliveryDeadline().remaining(), 3_000);
    }

    @Test
    void capsTheMarginsOnLongBudgets() {
        InvocationBudget budget = InvocationBudget.fromRemaining(Duration.ofSeconds(300), FROZEN);

        assertExactly(budget.finishDeadline().remaining(), 298_000);
        assertExactly(budget.deliveryDeadline().remaining(), 295_000);
    }

    @Test
    void keepsMinimumMarginsOnTinyBudgets() {
        InvocationBudget budget = InvocationBudget.fromRemaining(Duration.ofMillis(500), FROZEN);

        assertExactly(budget.finishDeadline().remaining(), 300);
        assertExactly(budget.deliveryDeadline().remaining(), 100);
        assertThat(InvocationBudget.fromRemaining(Duration.ofMillis(100), FROZEN).deliveryDeadline().remaining()).isZero();
    }
}
