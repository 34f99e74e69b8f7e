package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

class ScopedErrorsTest {

    private final Construct connector = new Construct(new Stack(new App(), "Shop"), "Connector");

    @Test
    void anErrorNamesTheConstructPath() {
        assertThat(ScopedErrors.invalid(connector, "webAclArn is wrong"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Shop/Connector: webAclArn is wrong");
    }

    @Test
    void anErrorWithoutThePathGetsItAndKeepsItsCause() {
        IllegalArgumentException cause = new IllegalArgumentException("reason must be one of ...");

        assertThat(ScopedErrors.invalid(connector, cause))
                .hasMessage("Shop/Connector: reason must be one of ...")
                .hasCause(cause);
    }

    @Test
    void anErrorThatNamesAPathAlreadyIsNotPrefixedTwice() {
        IllegalArgumentException scoped = ScopedErrors.invalid(connector, "webAclArn is wrong");
        Construct parent = connector.getNode().getScope() instanceof Construct c ? c : null;

        assertThat(ScopedErrors.invalid(parent, scoped)).isSameAs(scoped);
    }

    @Test
    void withinReturnsTheActionsResultAndScopesItsErrors() {
        assertThat(ScopedErrors.within(connector, () -> "metric")).isEqualTo("metric");
        assertThatThrownBy(() -> ScopedErrors.within(connector, () -> {
            throw new IllegalArgumentException("reason must be one of ...");
        })).hasMessage("Shop/Connector: reason must be one of ...");
    }
}
