package io.github.pinpointgtm.examples.gtm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the template's {@code data} (its field values) for a test, as GTM would pass them. */
final class TemplateFields {
    private final Map<String, Object> data = new LinkedHashMap<>();

    private TemplateFields(String eventsUrl) {
        data.put("eventsUrl", eventsUrl);
        data.put("useCacheBuster", false);
    }

    static TemplateFields forEventsUrl(String eventsUrl) {
        return new TemplateFields(eventsUrl);
    }

    static TemplateFields example() {
        return new TemplateFields(GtmKitFiles.EXAMPLE_EVENTS_URL);
    }

    /** The example tag of a contract renewal: event type, endpoint id, two attributes, two metrics, a session. */
    static TemplateFields contractRenewal() {
        return example()
                .set("eventType", "contract_renewal_due")
                .set("endpointId", "customer-4711")
                .row("eventAttributes", "plan", "pro-annual")
                .row("eventAttributes", "renewal_date", "2026-12-31")
                .row("eventMetrics", "monthly_price", 19.9)
                .row("eventMetrics", "months", 12)
                .set("sessionId", "s-42");
    }

    /** Sets a field; {@code null} passes JavaScript's {@code null}. */
    TemplateFields set(String field, Object value) {
        data.put(field, value);
        return this;
    }

    /** Appends a {@code {name, value}} row to one of the tables. */
    TemplateFields row(String table, Object name, Object value) {
        @SuppressWarnings("unchecked")
        List<Object> rows = (List<Object>) data.computeIfAbsent(table, key -> new ArrayList<>());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("value", value);
        rows.add(row);
        return this;
    }

    Map<String, Object> data() {
        return data;
    }
}
