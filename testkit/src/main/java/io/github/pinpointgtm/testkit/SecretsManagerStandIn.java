package io.github.pinpointgtm.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for AWS Secrets Manager's {@code GetSecretValue} (AWS JSON 1.1) on a random loopback port, holding one
 * secret with string versions under staging labels ({@code AWSCURRENT}, {@code AWSPREVIOUS}).
 *
 * <p>It checks what the real service would: {@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue}
 * and {@code Content-Type: application/x-amz-json-1.1}, a SigV4 {@code Authorization} header for the
 * {@code secretsmanager} service, a body with {@code SecretId} (this secret's ARN or name) and, optionally,
 * {@code VersionStage} or {@code VersionId}. A request that breaks those rules is listed in
 * {@link #protocolViolations()}. A label with no version is answered 400 {@code ResourceNotFoundException}, as the
 * real service answers it. {@link #failWith} makes every request fail (e.g. 400 {@code AccessDeniedException}).
 * Each item recorded as accepted is the staging label of a successful read.
 */
public final class SecretsManagerStandIn extends AwsApiStandIn<String> {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Pattern SIGV4 = sigV4("secretsmanager");
    private static final Set<String> REQUEST_MEMBERS = Set.of("SecretId", "VersionStage", "VersionId");

    private final String arn;
    private final String name;
    private final Map<String, String> versionsByStage = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsByStage = new ConcurrentHashMap<>();
    private volatile RequestFault fault = RequestFault.NONE;

    private SecretsManagerStandIn(String arn) {
        super("secretsmanager");
        this.arn = Objects.requireNonNull(arn, "arn");
        String afterSecret = arn.substring(arn.indexOf(":secret:") + ":secret:".length());
        // Secrets Manager appends "-" and six random characters to the name in the ARN.
        this.name = afterSecret.replaceFirst("-[A-Za-z0-9]{6}$", "");
    }

    /** @param arn the secret's ARN, e.g. {@code arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-key-AbCdEf} */
    public static SecretsManagerStandIn start(String arn) {
        return new SecretsManagerStandIn(arn);
    }

    /** Sets the string of the version under {@code stage}; null removes that label. */
    public void put(String stage, String secretString) {
        if (secretString == null) {
            versionsByStage.remove(stage);
        } else {
            versionsByStage.put(stage, secretString);
        }
    }

    /** Rotates: the current string becomes {@code AWSPREVIOUS}, {@code newCurrent} becomes {@code AWSCURRENT}. */
    public void rotate(String newCurrent) {
        String current = versionsByStage.get("AWSCURRENT");
        put("AWSPREVIOUS", current);
        put("AWSCURRENT", newCurrent);
    }

    /** Makes every following request fail this way ({@link RequestFault#NONE} to answer normally again). */
    public void failWith(RequestFault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /** @return how many GetSecretValue calls asked for the staging label (SDK retries included) */
    public int calls(String stage) {
        AtomicInteger count = callsByStage.get(stage);
        return count == null ? 0 : count.get();
    }

    @Override
    protected void handle(HttpExchange exchange, int requestNumber, byte[] body) throws IOException {
        if (!json11Frame(exchange, "secretsmanager.GetSecretValue", SIGV4, "Message")) {
            return;
        }
        Map<String, Object> request;
        try {
            request = Json.parseObject(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            violation("GetSecretValue body is not a JSON object: " + e.getMessage());
            error(exchange, 400, "SerializationException", "malformed request");
            return;
        }
        if (!REQUEST_MEMBERS.containsAll(request.keySet())) {
            violation("GetSecretValue request has unknown members: " + request.keySet());
        }
        Object secretId = request.get("SecretId");
        if (!(secretId instanceof String id) || !(id.equals(arn) || id.equals(name))) {
            violation("GetSecretValue for an unknown SecretId: " + secretId);
            error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        String stage = request.get("VersionStage") instanceof String given ? given : "AWSCURRENT";
        callsByStage.computeIfAbsent(stage, s -> new AtomicInteger()).incrementAndGet();
        RequestFault current = fault;
        sleep(current.delay());
        if (current.status() != 0) {
            error(exchange, current.status(), current.errorType(), "injected fault");
            return;
        }
        String secretString = versionsByStage.get(stage);
        if (secretString == null) {
            error(exchange, 400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: " + stage);
            return;
        }
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("ARN", arn);
            out.writeStringField("Name", name);
            out.writeStringField("VersionId", UUID.nameUUIDFromBytes(secretString.getBytes(StandardCharsets.UTF_8))
                    .toString());
            out.writeStringField("SecretString", secretString);
            out.writeArrayFieldStart("VersionStages");
            out.writeString(stage);
            out.writeEndArray();
            out.writeNumberField("CreatedDate", 1764201600.123);
            out.writeEndObject();
        }
        accept(java.util.List.of(stage));
        send(exchange, 200, json.toString(), CONTENT_TYPE);
    }

    private void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        error(exchange, status, errorType, "Message", message, CONTENT_TYPE);
    }
}
