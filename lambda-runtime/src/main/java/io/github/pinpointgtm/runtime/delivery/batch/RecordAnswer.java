package io.github.pinpointgtm.runtime.delivery.batch;

/**
 * A service's answer for one record of a request it answers record by record, in request order (Kinesis
 * {@code PutRecords}, Firehose {@code PutRecordBatch}): an id when it took the record, else an error code and message.
 *
 * @param id           the service's id of the record it took (a sequence number, a record id), or null
 * @param errorCode    the error code of a record it did not take, or null or empty
 * @param errorMessage the error's message, or null
 */
public record RecordAnswer(String id, String errorCode, String errorMessage) {
}
