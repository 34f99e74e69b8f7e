package io.github.pinpointgtm.runtime.bench;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.DestinationType;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import io.github.pinpointgtm.runtime.delivery.eventbridge.EventBridgeDestination;
import io.github.pinpointgtm.runtime.delivery.firehose.FirehoseDestination;
import io.github.pinpointgtm.runtime.delivery.kinesis.KinesisDestination;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointDestination;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PrebuiltPutEvents;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.priming.OfflineService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * One destination as the processor builds it ({@link ProcessorConfig}, its factory, {@link ClientSettings}: standard
 * retries, per-attempt timeout), with the real SDK client sending into an in-memory service
 * ({@link OfflineService} with the destination's own {@link OfflineAnswer}), and the parts of its delivery on their
 * own: the SDK call on requests built ahead, and the in-memory answer alone (the benchmark's stand-in for the HTTP
 * exchange, which production pays instead).
 */
final class BenchDestination implements AutoCloseable {

    /** The call timeout each prebuilt request carries, as the destinations set it from the invocation's budget. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** A request as the SDK built and signed it, with its body. */
    private record Exchange(SdkHttpRequest request, byte[] body) {
    }

    private final DestinationType type;
    private final ProcessorConfig config;
    private final HitReader reader;
    private final OfflineAnswer answer;
    private final ClientSettings clients;
    private final EventDestination destination;
    private final List<Exchange> captured = new CopyOnWriteArrayList<>();
    private volatile boolean capturing;

    private BenchDestination(DestinationType type) {
        this.type = type;
        this.config = ProcessorConfig.fromEnvironment(BenchInputs.processorEnvironment(type));
        this.reader = new HitReader(config);
        DestinationFactory factory = factory(type);
        OfflineAnswer serviceAnswer = factory.offlineAnswer();
        this.answer = serviceAnswer;
        OfflineAnswer recording = (request, body) -> {
            if (capturing) {
                captured.add(new Exchange(request, body));
            }
            return serviceAnswer.answer(request, body);
        };
        this.clients = new ClientSettings(Region.EU_WEST_1, OfflineService.httpClient(recording),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")));
        this.destination = factory.create(config, clients, InCallRetries.standard());
    }

    /**
     * @param type Pinpoint, Kinesis, Firehose or EventBridge
     * @return that destination, ready to deliver
     */
    static BenchDestination of(DestinationType type) {
        return new BenchDestination(type);
    }

    private static DestinationFactory factory(DestinationType type) {
        return switch (type) {
            case PINPOINT -> PinpointDestination.FACTORY;
            case KINESIS -> KinesisDestination.FACTORY;
            case FIREHOSE -> FirehoseDestination.FACTORY;
            case EVENTBRIDGE -> EventBridgeDestination.FACTORY;
            default -> throw new IllegalArgumentException("the benchmarks have no batch of " + type.value());
        };
    }

    /**
     * @param bodies SQS message bodies
     * @return their events, read with this destination's configuration
     * @throws IllegalStateException if a body is not accepted
     */
    List<CustomerEvent> read(List<String> bodies) {
        List<CustomerEvent> events = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            HitOutcome outcome = reader.read(body);
            if (!(outcome instanceof HitOutcome.Accepted accepted)) {
                throw new IllegalStateException("a benchmark input is not accepted: " + outcome);
            }
            events.add(accepted.event());
        }
        return events;
    }

    /** @return the outcome of one event, read with this destination's configuration */
    HitOutcome read(String body) {
        return reader.read(body);
    }

    /** Delivers through the destination: planning, the SDK call (in memory) and reading its results. */
    List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, Deadline.after(CALL_TIMEOUT), new InvocationMetrics());
    }

    /**
     * The SDK's part alone: the requests the destination would send for these events are built now; the returned
     * call hands them to the SDK client (marshalling, signing, the in-memory answer, response parsing).
     *
     * @param events the events
     * @return one run of the prebuilt requests through the client
     */
    Runnable sdkCallAlone(List<CustomerEvent> events) {
        return switch (type) {
            case PINPOINT -> {
                PinpointClient client = clients.configure(PinpointClient.builder());
                var requests = PrebuiltPutEvents.of(config.pinpointApplicationId(), events, CALL_TIMEOUT);
                yield () -> requests.forEach(client::putEvents);
            }
            case KINESIS -> {
                KinesisClient client = clients.configure(KinesisClient.builder());
                var request = PutRecordsRequest.builder()
                        .streamName(config.kinesisStreamName())
                        .records(mapped(events, event -> PutRecordsRequestEntry.builder()
                                .data(SdkBytes.fromByteArrayUnsafe(CustomerEventJson.toBytes(event)))
                                .partitionKey(KinesisDestination.partitionKey(event.endpointId()))
                                .build()))
                        .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                        .build();
                yield () -> client.putRecords(request);
            }
            case FIREHOSE -> {
                FirehoseClient client = clients.configure(FirehoseClient.builder());
                var request = PutRecordBatchRequest.builder()
                        .deliveryStreamName(config.firehoseDeliveryStreamName())
                        .records(mapped(events, event -> Record.builder().data(SdkBytes.fromByteArrayUnsafe(
                                FirehoseDestination.recordData(CustomerEventJson.toBytes(event)))).build()))
                        .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                        .build();
                yield () -> client.putRecordBatch(request);
            }
            case EVENTBRIDGE -> {
                EventBridgeClient client = clients.configure(EventBridgeClient.builder());
                List<PutEventsRequest> requests = new ArrayList<>();
                for (int from = 0; from < events.size(); from += EventBridgeDestination.MAX_ENTRIES) {
                    List<CustomerEvent> part = events.subList(from,
                            Math.min(events.size(), from + EventBridgeDestination.MAX_ENTRIES));
                    requests.add(PutEventsRequest.builder()
                            .entries(mapped(part, event -> PutEventsRequestEntry.builder()
                                    .eventBusName(config.eventBridgeEventBus())
                                    .source(config.eventBridgeSource())
                                    .detailType(config.eventBridgeDetailType())
                                    .detail(new String(CustomerEventJson.toBytes(event), StandardCharsets.UTF_8))
                                    .time(event.timestamp())
                                    .build()))
                            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                            .build());
                }
                yield () -> requests.forEach(client::putEvents);
            }
            default -> throw new IllegalArgumentException("the benchmarks have no batch of " + type.value());
        };
    }

    /**
     * The in-memory answer alone: the destination's requests for these events are sent once through the SDK and
     * kept; the returned call answers them again, as {@link OfflineService} does, and reads each response's body.
     *
     * @param events the events
     * @return one run of the in-memory answers to their requests
     */
    Runnable answerAlone(List<CustomerEvent> events) {
        captured.clear();
        capturing = true;
        deliver(events); // returns after every call's answer, so every exchange is captured
        capturing = false;
        List<Exchange> exchanges = List.copyOf(captured);
        captured.clear();
        if (exchanges.isEmpty()) {
            throw new IllegalStateException(type.value() + ": no request reached the in-memory service");
        }
        return () -> {
            for (Exchange exchange : exchanges) {
                HttpExecuteResponse response = OfflineService.respond(answer, exchange.request(), exchange.body());
                try {
                    response.responseBody().orElseThrow().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static <T> List<T> mapped(List<CustomerEvent> events, Function<CustomerEvent, T> mapping) {
        return events.stream().map(mapping).toList();
    }

    @Override
    public void close() {
        destination.close();
    }
}
