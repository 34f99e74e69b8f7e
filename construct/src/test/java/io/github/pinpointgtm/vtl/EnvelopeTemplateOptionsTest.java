package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EnvelopeTemplateOptionsTest {

    @Test
    void treatsNullAndEmptyIdentityAsUnauthenticated() {
        EnvelopeTemplateOptions nulls = new EnvelopeTemplateOptions(false, null, null, false);
        EnvelopeTemplateOptions empties = new EnvelopeTemplateOptions(false, "", "", false);

        assertThat(nulls).isEqualTo(empties);
        assertThat(nulls.authenticated()).isFalse();
        assertThat(nulls.identityReference()).isEmpty();
        assertThat(nulls.identitySource()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$context.authorizer.principalId", "$context.authorizer.claims.sub",
            "$context.authorizer.claims['custom:tenant_id']", "$context.authorizer.tenant_2", "$context.authorizer._key",
            "$context.identity.cognitoIdentityId"})
    void acceptsPlainContextReferences(String reference) {
        EnvelopeTemplateOptions options = new EnvelopeTemplateOptions(false, reference, "label:x", false);

        assertThat(options.authenticated()).isTrue();
        assertThat(options.identityReference()).isEqualTo(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$input.params().querystring.endpoint_id", "$input.body", "context.authorizer.x",
            "$context", "${context.authorizer.principalId}", "$!context.authorizer.principalId",
            "$context.authorizer.principalId)#set($x = 1)", "$context.authorizer.get('x')",
            "$context.authorizer.claims[\"sub\"]", "$context.authorizer.claims['a'b']", "$context.authorizer.",
            "$context.authorizer.principalId ", "$context.authorizer.claims['']", "$context.a-b"})
    void refusesAnythingButAPlainContextReference(String reference) {
        assertThatThrownBy(() -> new EnvelopeTemplateOptions(false, reference, "label:x", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identityReference").hasMessageContaining(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\tlabel", "new\nline", "ünicode"})
    void refusesAMissingOrUnprintableIdentitySource(String source) {
        assertThatThrownBy(() -> new EnvelopeTemplateOptions(false, "$context.authorizer.principalId", source, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identitySource");
    }

    @Test
    void refusesALongIdentitySource() {
        assertThatThrownBy(() -> new EnvelopeTemplateOptions(false, "$context.authorizer.principalId",
                "x".repeat(129), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
    }

    @Test
    void refusesAnIdentitySourceWithoutAReference() {
        assertThatThrownBy(() -> new EnvelopeTemplateOptions(false, null, "lambda:principalId", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identitySource").hasMessageContaining("identityReference is empty");
    }
}
