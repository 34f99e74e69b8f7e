package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TlsWarmUpTest {

    /** The handshake message type of a ClientHello. */
    private static final byte CLIENT_HELLO = 1;

    @Test
    void writesAClientHelloNamingTheServerWithoutConnecting() {
        ByteBuffer record = TlsWarmUp.clientHello("sqs.eu-west-1.amazonaws.com");

        byte[] bytes = new byte[record.remaining()];
        record.get(bytes);
        assertThat(bytes.length).isGreaterThan(5);
        assertThat(bytes[0]).isEqualTo(TlsWarmUp.HANDSHAKE_RECORD);
        assertThat(bytes[5]).isEqualTo(CLIENT_HELLO);
        // The server name indication carries the host in clear text.
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("sqs.eu-west-1.amazonaws.com");
    }
}
