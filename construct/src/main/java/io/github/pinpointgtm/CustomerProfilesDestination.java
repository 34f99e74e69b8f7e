package io.github.pinpointgtm;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.pinpointgtm.internal.PrincipalPolicy;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * Delivers events to Amazon Connect Customer Profiles with {@code PutProfileObject}: one profile object per event,
 * the event JSON as the object, written as one object type of one domain. The object type's mapping (its keys and
 * fields, e.g. {@code _source.endpointId} as a {@code PROFILE} key and {@code _source.eventId} as the
 * {@code UNIQUE} key) decides which profile each object joins. Create it with
 * {@link EventDestination#customerProfiles(String, String)}.
 *
 * <p>Permissions: {@code profile:PutProfileObject} on
 * {@code arn:<partition>:profile:<region>:<account>:domains/<domain>/object-types/<objectType>}, nothing else.
 */
public final class CustomerProfilesDestination extends EventDestination {

    /** The {@code DomainName} pattern and length of the Customer Profiles API. */
    private static final Pattern DOMAIN_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    /** The {@code ObjectTypeName} pattern and length of the Customer Profiles API. */
    private static final Pattern OBJECT_TYPE_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9-]{0,254}");

    private final String domainName;
    private final String objectTypeName;

    CustomerProfilesDestination(String domainName, String objectTypeName) {
        this.domainName = validate("domainName", domainName, DOMAIN_NAME,
                "1 to 64 characters of [a-zA-Z0-9_-]");
        this.objectTypeName = validate("objectTypeName", objectTypeName, OBJECT_TYPE_NAME,
                "1 to 255 characters of [a-zA-Z_0-9-], not starting with a digit or '-'");
    }

    private static String validate(String parameter, String value, Pattern pattern, String rule) {
        if (value == null) {
            throw new IllegalArgumentException("customerProfiles: " + parameter + " must not be null");
        }
        if (!Token.isUnresolved(value) && !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("customerProfiles: " + parameter + " must be " + rule + ", got '"
                    + value + "'");
        }
        return value;
    }

    /** @return the Customer Profiles domain */
    public String getDomainName() {
        return domainName;
    }

    /** @return the profile object type the events are written as */
    public String getObjectTypeName() {
        return objectTypeName;
    }

    /** @return {@code customer-profiles} */
    @Override
    public String getDestinationType() {
        return "customer-profiles";
    }

    @Override
    Map<String, String> processorEnvironment() {
        return Map.of(
                "CUSTOMER_PROFILES_DOMAIN_NAME", domainName,
                "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", objectTypeName);
    }

    @Override
    void grantDelivery(Construct scope, IGrantable processor) {
        String objectTypeArn = Stack.of(scope).formatArn(ArnComponents.builder()
                .service("profile")
                .resource("domains")
                .resourceName(domainName + "/object-types/" + objectTypeName)
                .build());
        PrincipalPolicy.allow(processor, List.of("profile:PutProfileObject"), objectTypeArn);
    }
}
