package io.github.pinpointgtm.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Amazon Connect Customer Profiles' {@code PutProfileObject} (REST-JSON) on a random loopback port,
 * for the real SDK client to talk to.
 *
 * <p>It checks what the real service would: {@code PUT /domains/{DomainName}/profiles/objects} for its one domain
 * (else 404 {@code ResourceNotFoundException}), a SigV4 {@code Authorization} header for the {@code profile} service,
 * a JSON body of exactly {@code ObjectTypeName} (its one object type, else 404) and {@code Object}: a string of 1 to
 * {@value #MAX_OBJECT_LENGTH} characters (counted in code points, as Smithy's length trait counts) that is a JSON
 * object (else 400 {@code BadRequestException}). A request that breaks a rule is listed in
 * {@link #protocolViolations()}. Accepted objects are answered 200 {@code {"ProfileObjectUniqueKey": ...}}.
 *
 * <p>A {@link FaultInjector} makes it answer a request (one object) with an error status or slowly.
 */
public final class CustomerProfilesStandIn extends AwsApiStandIn<CustomerProfilesStandIn.RecordedObject> {

    public static final int MAX_OBJECT_LENGTH = 256_000;

    private static final Pattern OBJECTS_PATH = Pattern.compile("^/domains/([^/]+)/profiles/objects$");
    private static final Pattern SIGV4 = sigV4("profile");
    private static final Pattern OBJECT_TYPE_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z_0-9-]*$");

    /** One object as the stand-in received it. */
    public record RecordedObject(String domainName, String objectTypeName, String object) {
    }

    /** Decides the faults; called concurrently from the server's threads. */
    public interface FaultInjector {
        FaultInjector NONE = new FaultInjector() {
        };

        /**
         * @param requestNumber 1-based count of requests so far
         * @param object        the request's object (already checked against the API's rules)
         */
        default RequestFault onRequest(int requestNumber, RecordedObject object) {
            return RequestFault.NONE;
        }
    }

    /** The faults of Customer Profiles' error model. */
    public static final class Faults {
        private Faults() {
        }

        public static RequestFault badRequest() {
            return RequestFault.status(400, "BadRequestException");
        }

        public static RequestFault accessDenied() {
            return RequestFault.status(403, "AccessDeniedException");
        }

        public static RequestFault notFound() {
            return RequestFault.status(404, "ResourceNotFoundException");
        }

        public static RequestFault throttle() {
            return RequestFault.status(429, "ThrottlingException");
        }

        public static RequestFault serverError() {
            return RequestFault.status(500, "InternalServerException");
        }
    }

    private final String domainName;
    private final String objectTypeName;
    private volatile FaultInjector faults = FaultInjector.NONE;

    private CustomerProfilesStandIn(String domainName, String objectTypeName) {
        super("customer-profiles");
        this.domainName = Objects.requireNonNull(domainName, "domainName");
        this.objectTypeName = Objects.requireNonNull(objectTypeName, "objectTypeName");
    }

    /** Starts a stand-in with one domain holding one object type. */
    public static CustomerProfilesStandIn start(String domainName, String objectTypeName) {
        return new CustomerProfilesStandIn(domainName, objectTypeName);
    }

    public void faults(FaultInjector injector) {
        this.faults = Objects.requireNonNull(injector, "injector");
    }

    /** @return every object answered with 200, in arrival order (a retried event may appear twice) */
    public List<RecordedObject> acceptedObjects() {
        return accepted();
    }

    @Override
    protected void handle(HttpExchange exchange, int requestNumber, byte[] body) throws IOException {
        Matcher path = OBJECTS_PATH.matcher(exchange.getRequestURI().getPath());
        if (!"PUT".equals(exchange.getRequestMethod()) || !path.matches()) {
            violation("unexpected " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            error(exchange, 404, "ResourceNotFoundException", "No such operation");
            return;
        }
        if (!signedFor(exchange, SIGV4)) {
            error(exchange, 403, "AccessDeniedException", "Missing Authentication Token");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            violation("unexpected Content-Type " + contentType);
        }
        String domain = path.group(1);
        if (!domainName.equals(domain)) {
            violation("unknown domain " + domain);
            error(exchange, 404, "ResourceNotFoundException", "Domain " + domain + " not found");
            return;
        }
        RecordedObject object;
        try {
            object = readRequest(domain, new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            violation(e.getMessage());
            error(exchange, 400, "BadRequestException", e.getMessage());
            return;
        }
        if (!objectTypeName.equals(object.objectTypeName())) {
            violation("unknown object type " + object.objectTypeName());
            error(exchange, 404, "ResourceNotFoundException", "Object type " + object.objectTypeName() + " not found");
            return;
        }
        RequestFault fault = faults.onRequest(requestNumber, object);
        sleep(fault.delay());
        if (fault.status() != 0) {
            error(exchange, fault.status(), fault.errorType(), "injected fault");
            return;
        }
        accept(List.of(object));
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("ProfileObjectUniqueKey", UUID.randomUUID().toString());
            out.writeEndObject();
        }
        send(exchange, 200, json.toString(), "application/json");
    }

    private static RecordedObject readRequest(String domain, String body) {
        Map<String, Object> root = Json.parseObject(body);
        if (!root.keySet().equals(Set.of("ObjectTypeName", "Object"))) {
            throw new IllegalArgumentException("PutProfileObject needs exactly ObjectTypeName and Object, not "
                    + root.keySet());
        }
        if (!(root.get("ObjectTypeName") instanceof String typeName) || typeName.isEmpty() || typeName.length() > 255
                || !OBJECT_TYPE_NAME.matcher(typeName).matches()) {
            throw new IllegalArgumentException("ObjectTypeName is not valid: " + root.get("ObjectTypeName"));
        }
        if (!(root.get("Object") instanceof String object)) {
            throw new IllegalArgumentException("Object is not a string");
        }
        int length = object.codePointCount(0, object.length());
        if (length < 1 || length > MAX_OBJECT_LENGTH) {
            throw new IllegalArgumentException("1 validation error detected: Value at 'object' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_OBJECT_LENGTH + " (was " + length + ")");
        }
        try {
            Json.parseObject(object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Object is not a JSON object: " + e.getMessage());
        }
        return new RecordedObject(domain, typeName, object);
    }

    private void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        error(exchange, status, errorType, "Message", message, "application/json");
    }
}
