package io.github.pinpointgtm.runtime.delivery.batch;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationCalls;
import io.github.pinpointgtm.runtime.delivery.DistinctConfigurationErrors;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.RequestHalving;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The shared delivery logic of the destinations that write the event JSON as records (Kinesis Data Streams, Data
 * Firehose, EventBridge, Connect Customer Profiles). A subclass says how large a record is and sends one batch; this
 * class does the rest:
 *
 * <ol>
 *   <li>encodes each event once ({@link CustomerEventJson}); the same hit twice in one invocation (same event id and
 *       endpoint) is sent once and both messages get its result;</li>
 *   <li>rejects a record over the service's per-record limit ({@code limit-exceeded}) without a call;</li>
 *   <li>packs the rest, in order, into requests within the service's record and byte limits;</li>
 *   <li>sends them on at most {@code concurrency} threads, each call bounded by the deadline; the client's standard
 *       retry strategy retries throttling, 5xx and network errors within that time;</li>
 *   <li>tells the observer which records each accepted request delivered, as soon as it is read
 *       ({@link DeliveryObserver#eventsDelivered}), and sends the records the service failed one by one (throttled,
 *       internal failure) again with {@link InCallRetries};</li>
 *   <li>maps a failed request onto every record of it: throttling, 5xx, timeouts, network errors and an exhausted
 *       deadline are retryable; a misconfiguration (access denied, unknown resource, KMS key problems) is retryable
 *       and reported to {@link DeliveryObserver#configurationError} (each distinct error once per call of
 *       {@code deliver}); a request the service refuses as invalid or too large is split in halves and resent
 *       ({@link RequestHalving}), so one bad record cannot sink its neighbours: a single record refused this way is
 *       rejected ({@code destination-rejected} or {@code limit-exceeded}), while a refusal of every part alike is
 *       systemic and keeps all the records for retry.</li>
 * </ol>
 */
public abstract class RecordBatchDestination implements EventDestination {

    /** Below this much time left, a call is not started: it could not finish. */
    static final Duration MINIMUM_CALL_TIME = Duration.ofMillis(100);

    private final String serviceName;
    private final BatchLimits limits;
    private final ExecutorService senders;
    private final InCallRetries retries;

    /**
     * @param serviceName the service's name in details and thread names, e.g. {@code Kinesis}
     * @param limits      the API's batch limits
     * @param concurrency how many calls may be in flight at once
     * @param retries     how records failed one by one are retried within the call of {@code deliver}
     */
    protected RecordBatchDestination(String serviceName, BatchLimits limits, int concurrency,
                                     InCallRetries retries) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.senders = DestinationCalls.senders(serviceName + "-sender", concurrency);
    }

    /**
     * @param event the event
     * @param json  its event JSON
     * @return the record's size as the service counts it against its limits
     */
    protected abstract long recordSize(CustomerEvent event, byte[] json);

    /**
     * Sends one request carrying {@code batch} and reads the service's per-record results.
     *
     * @param batch          the records, within the limits
     * @param apiCallTimeout the time the call may take, retries included
     * @param observer       for per-record misconfiguration reports
     * @return one outcome per record, in the order of {@code batch}
     * @throws software.amazon.awssdk.core.exception.SdkException when the request as a whole fails; this class
     *                                                             maps it onto every record of the request
     */
    protected abstract List<DeliveryOutcome> send(List<PendingRecord> batch, Duration apiCallTimeout,
                                                  DeliveryObserver observer);

    /**
     * Reads an error of this service onto the failure model: a whole request's exception here, and (by convention)
     * each per-record error code in {@link #send}. The default is {@link ServiceErrors#classify}; a service whose
     * codes mean something else there overrides it (Data Firehose's {@code ServiceUnavailableException} is its
     * throttling answer).
     *
     * @param statusCode the HTTP status, or 0 for a per-record error
     * @param errorCode  the AWS error code, or null
     * @return what the error means
     */
    protected ServiceErrors.Kind classify(int statusCode, String errorCode) {
        return ServiceErrors.classify(statusCode, errorCode);
    }

    /**
     * Reads a response that answers each record of the request in order: a record with an id is delivered, one with
     * an error code has the outcome of {@link #classify} for that code; each misconfiguration code is reported once.
     *
     * @param records  how many records the request carried
     * @param answers  the service's answers, one per record
     * @param idName   what the service calls its id of a record it took, e.g. {@code a sequence number}
     * @param observer for the misconfiguration reports
     * @return one outcome per record, in request order
     * @throws IllegalStateException when the service answered another number of records
     */
    protected final List<DeliveryOutcome> outcomesByRecord(int records, List<RecordAnswer> answers, String idName,
                                                           DeliveryObserver observer) {
        if (answers.size() != records) {
            throw new IllegalStateException(serviceName + " answered " + answers.size() + " results for " + records
                    + " records");
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>(records);
        Map<String, String> misconfigurations = new LinkedHashMap<>();
        for (RecordAnswer answer : answers) {
            String errorCode = answer.errorCode();
            if (errorCode == null || errorCode.isEmpty()) {
                outcomes.add(answer.id() == null
                        ? new DeliveryOutcome.Retryable("destination-error",
                                serviceName + " answered neither " + idName + " nor an error code for the record")
                        : DeliveryOutcome.DELIVERED);
                continue;
            }
            ServiceErrors.Kind kind = classify(0, errorCode);
            String detail = serviceName + " refused the record (" + errorCode + "): " + answer.errorMessage();
            if (kind == ServiceErrors.Kind.MISCONFIGURED) {
                misconfigurations.putIfAbsent(errorCode, detail);
            }
            outcomes.add(ServiceErrors.outcome(kind, detail));
        }
        // Once per distinct code and request: one alarm, not one per record.
        misconfigurations.values().forEach(detail -> observer.configurationError(200, detail));
        return outcomes;
    }

    @Override
    public final List<DeliveryOutcome> deliver(List<CustomerEvent> events, Deadline deadline,
                                               DeliveryObserver callerObserver) {
        DeliveryObserver observer = new DistinctConfigurationErrors(callerObserver);
        DeliveryOutcome[] outcomes = new DeliveryOutcome[events.size()];
        List<List<PendingRecord>> requests = plan(events, outcomes);
        List<Future<List<DeliveryOutcome>>> pending = new ArrayList<>(requests.size());
        for (List<PendingRecord> request : requests) {
            pending.add(senders.submit(() -> deliverRequest(request, deadline, observer, 0)));
        }
        Deadline collectBy = DestinationCalls.collectionDeadline(deadline);
        for (int i = 0; i < pending.size(); i++) {
            List<PendingRecord> request = requests.get(i);
            List<DeliveryOutcome> results = DestinationCalls.collect(pending.get(i), request.size(), collectBy,
                    serviceName);
            for (int record = 0; record < request.size(); record++) {
                for (int index : request.get(record).inputIndexes()) {
                    outcomes[index] = results.get(record);
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(outcomes));
    }

    /** Encodes, deduplicates, rejects oversized records (filling {@code outcomes}) and packs the rest in order. */
    List<List<PendingRecord>> plan(List<CustomerEvent> events, DeliveryOutcome[] outcomes) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        Map<String, CustomerEvent> firstByKey = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            CustomerEvent event = events.get(i);
            String key = event.endpointId() + '\u0000' + event.eventId();
            positions.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            firstByKey.putIfAbsent(key, event);
        }
        List<List<PendingRecord>> requests = new ArrayList<>();
        List<PendingRecord> current = new ArrayList<>();
        long currentBytes = 0;
        for (Map.Entry<String, CustomerEvent> entry : firstByKey.entrySet()) {
            CustomerEvent event = entry.getValue();
            byte[] json = CustomerEventJson.toBytes(event);
            PendingRecord record = new PendingRecord(event, json, recordSize(event, json), positions.get(entry.getKey()));
            if (record.size() > limits.maxRecordBytes()) {
                DeliveryOutcome tooLarge = new DeliveryOutcome.Rejected(new Rejection(RejectionReason.LIMIT_EXCEEDED,
                        "the event is " + record.size() + " bytes as " + serviceName + " counts it; "
                                + serviceName + " accepts at most " + limits.maxRecordBytes() + " bytes per record"));
                for (int index : record.inputIndexes()) {
                    outcomes[index] = tooLarge;
                }
                continue;
            }
            if (!current.isEmpty() && (current.size() == limits.maxRecords()
                    || currentBytes + record.size() > limits.maxRequestBytes())) {
                requests.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(record);
            currentBytes += record.size();
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** Sends one packed request; halves it when refused as a whole, and retries its failed records in the call. */
    private List<DeliveryOutcome> deliverRequest(List<PendingRecord> batch, Deadline deadline,
                                                 DeliveryObserver observer, int retriesSoFar) {
        return RequestHalving.send(batch, part -> sendOnce(part, deadline, observer, retriesSoFar), observer);
    }

    private RequestHalving.Answer sendOnce(List<PendingRecord> batch, Deadline deadline, DeliveryObserver observer,
                                           int retriesSoFar) {
        Duration budget = deadline.remaining();
        if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
            return new RequestHalving.Failed(new DeliveryOutcome.Retryable("deadline-exceeded",
                    "no time left to call " + serviceName));
        }
        long started = System.nanoTime();
        List<DeliveryOutcome> outcomes;
        try {
            outcomes = send(batch, budget, observer);
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException(serviceName + " results: " + outcomes.size() + " for "
                        + batch.size() + " records");
            }
        } catch (AwsServiceException e) {
            observer.requestCompleted(batch.size(), since(started), "status-" + e.statusCode());
            return afterServiceError(e, observer);
        } catch (RuntimeException e) {
            DestinationCalls.ClientFailure failure = DestinationCalls.ClientFailure.of(e, serviceName);
            observer.requestCompleted(batch.size(), since(started), failure.result());
            return new RequestHalving.Failed(failure.outcome());
        }
        observer.requestCompleted(batch.size(), since(started), "accepted");
        DestinationCalls.reportDelivered(batch, outcomes, PendingRecord::inputIndexes, observer);
        return new RequestHalving.Answered(retries.retryTransient(batch, outcomes, retriesSoFar, deadline, observer,
                (again, retry) -> deliverRequest(again, deadline, observer, retry)));
    }

    private RequestHalving.Answer afterServiceError(AwsServiceException e, DeliveryObserver observer) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        ServiceErrors.Kind kind = classify(e.statusCode(), code);
        String error = e.statusCode() + (code == null ? "" : " " + code);
        String detail = serviceName + " refused the request (" + error + "): " + serviceMessage(e);
        if (kind == ServiceErrors.Kind.INVALID || kind == ServiceErrors.Kind.TOO_LARGE) {
            return new RequestHalving.Refused(error, e.statusCode(), detail,
                    (DeliveryOutcome.Rejected) ServiceErrors.outcome(kind, detail));
        }
        if (kind == ServiceErrors.Kind.MISCONFIGURED) {
            observer.configurationError(e.statusCode(), detail);
        }
        return new RequestHalving.Failed(ServiceErrors.outcome(kind, detail));
    }

    private static String serviceMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Stops the sender threads (tests and local runs; a Lambda instance simply ends). */
    @Override
    public void close() {
        senders.shutdownNow();
    }
}
