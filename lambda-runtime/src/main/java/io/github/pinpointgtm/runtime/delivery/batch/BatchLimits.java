package io.github.pinpointgtm.runtime.delivery.batch;

/**
 * One API's batch limits, as the service counts them.
 *
 * @param maxRecords      records per request
 * @param maxRequestBytes bytes per request (the sum of the records' sizes)
 * @param maxRecordBytes  bytes per record; a larger record is rejected ({@code limit-exceeded}) without a call
 */
public record BatchLimits(int maxRecords, long maxRequestBytes, long maxRecordBytes) {

    /**
     * Creates the limits.
     *
     * @param maxRecords      records per request, at least 1
     * @param maxRequestBytes bytes per request, at least {@code maxRecordBytes}
     * @param maxRecordBytes  bytes per record, at least 1
     * @throws IllegalArgumentException if the limits are inconsistent
     */
    public BatchLimits {
        if (maxRecords < 1 || maxRecordBytes < 1 || maxRequestBytes < maxRecordBytes) {
            throw new IllegalArgumentException("inconsistent batch limits: " + maxRecords + " records, "
                    + maxRequestBytes + " bytes per request, " + maxRecordBytes + " bytes per record");
        }
    }
}
