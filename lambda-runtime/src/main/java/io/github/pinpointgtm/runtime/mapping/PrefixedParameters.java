package io.github.pinpointgtm.runtime.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The {@code evat_}, {@code evmt_} and {@code usat_} parameters of a hit, split by prefix, in request order.
 * Empty values and prefixes without a name are left out.
 */
final class PrefixedParameters {
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final Map<String, String> userAttributes = new LinkedHashMap<>();
    /** {@code usat_} parameters dropped because user attributes are disabled. */
    int ignoredUserAttributes;

    private PrefixedParameters() {
    }

    /**
     * @param parameters            all parameters of the hit
     * @param userAttributesEnabled whether {@code usat_} parameters are kept
     * @return the prefixed parameters
     * @throws InvalidMetricException naming the first {@code evmt_} parameter that is not a finite number
     */
    static PrefixedParameters from(Map<String, String> parameters, boolean userAttributesEnabled)
            throws InvalidMetricException {
        PrefixedParameters prefixed = new PrefixedParameters();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            if (value.isEmpty()) {
                continue;
            }
            if (name.startsWith(ParameterNames.ATTRIBUTE_PREFIX)) {
                putNamed(prefixed.attributes, name, ParameterNames.ATTRIBUTE_PREFIX, value);
            } else if (name.startsWith(ParameterNames.METRIC_PREFIX)) {
                OptionalDouble metric = MetricValue.parse(value);
                if (metric.isEmpty()) {
                    throw new InvalidMetricException("parameter " + ParameterNames.quoted(name)
                            + " is not a finite decimal number");
                }
                putNamed(prefixed.metrics, name, ParameterNames.METRIC_PREFIX, metric.getAsDouble());
            } else if (name.startsWith(ParameterNames.USER_ATTRIBUTE_PREFIX)) {
                if (userAttributesEnabled) {
                    putNamed(prefixed.userAttributes, name, ParameterNames.USER_ATTRIBUTE_PREFIX, value);
                } else {
                    prefixed.ignoredUserAttributes++;
                }
            }
        }
        return prefixed;
    }

    private static <V> void putNamed(Map<String, V> target, String parameterName, String prefix, V value) {
        if (parameterName.length() > prefix.length()) {
            target.put(parameterName.substring(prefix.length()), value);
        }
    }

    /** An {@code evmt_} value that is not a finite decimal number. The message names the parameter only. */
    static final class InvalidMetricException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidMetricException(String message) {
            super(message, null, false, false);
        }
    }
}
