package io.github.pinpointgtm.testkit.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest.Builder;
import org.junit.jupiter.api.Test;

class ApiGatewayRequestTest {

    private interface NamedValueSetter {
        void set(Builder builder, String name, String value);
    }

    private static final List<NamedValueSetter> NAMED_VALUE_SETTERS = List.of(Builder::queryParameter,
            Builder::pathParameter, Builder::header, Builder::authorizer, Builder::claim, Builder::context);

    @Test
    void everyNamedValueSetterRefusesANullNameOrValueNamingIt() {
        for (NamedValueSetter setter : NAMED_VALUE_SETTERS) {
            assertThatNullPointerException()
                    .isThrownBy(() -> setter.set(ApiGatewayRequest.builder(), null, "v"))
                    .withMessage("name");
            assertThatNullPointerException()
                    .isThrownBy(() -> setter.set(ApiGatewayRequest.builder(), "n", null))
                    .withMessage("value");
        }
    }

    @Test
    void aLaterValueOfTheSameNameReplacesTheEarlierOneInItsPlace() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .header("Origin", "https://a.example").header("Accept", "*/*").header("Origin", "https://b.example")
                .pathParameter("id", "1").pathParameter("id", "2")
                .build();

        assertThat(request.headers()).containsExactly(
                Map.entry("Origin", "https://b.example"), Map.entry("Accept", "*/*"));
        assertThat(request.pathParameters()).containsExactly(Map.entry("id", "2"));
    }
}
