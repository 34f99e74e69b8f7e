package io.github.pinpointgtm.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final String SALT = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/1-2-3/Connector";

    @Test
    void theFingerprintIsTheKeyedHmacSha256() {
        // RFC 4231, test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?") = 5bdcc146bf60754e...
        assertThat(new PersonalData(false, "Jefe").protect("what do ya want for nothing?"))
                .isEqualTo("hmac-sha256:5bdcc146bf60");
    }

    @Test
    void theFingerprintIsNotThePlainSha256ThatADictionaryReverses() throws Exception {
        String endpointId = "customer-4711";
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(endpointId.getBytes(StandardCharsets.UTF_8))).substring(0, 12);

        assertThat(new PersonalData(false, SALT).protect(endpointId)).doesNotContain(plain);
    }

    @Test
    void oneSaltCorrelatesAnotherDoesNot() {
        PersonalData deployment = new PersonalData(false, SALT);

        assertThat(deployment.protect("abc")).isEqualTo(new PersonalData(false, SALT).protect("abc"))
                .isNotEqualTo(deployment.protect("abd"))
                .isNotEqualTo(new PersonalData(false, SALT + "-other").protect("abc"));
    }

    @Test
    void withoutASaltEachInstanceDrawsItsOwn() {
        PersonalData instance = new PersonalData(false);

        assertThat(instance.protect("abc")).isEqualTo(instance.protect("abc"))
                .isNotEqualTo(new PersonalData(false).protect("abc"))
                .matches("hmac-sha256:[0-9a-f]{12}");
    }

    @Test
    void valuesAppearInFullOnlyWhenAllowedAndEmptyStaysEmpty() {
        assertThat(new PersonalData(true, SALT).protect("jane.doe@example.com")).isEqualTo("jane.doe@example.com");
        assertThat(new PersonalData(false, SALT).protect("")).isEmpty();
        assertThat(new PersonalData(false, SALT).protect(null)).isEmpty();
    }

    @Test
    void anEmptySaltIsRefused() {
        assertThatThrownBy(() -> new PersonalData(false, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fingerprintSalt");
    }
}
