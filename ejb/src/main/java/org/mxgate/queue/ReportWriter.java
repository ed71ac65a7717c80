package org.mxgate.queue;

import java.time.ZonedDateTime;
import org.mxgate.mail.DeliveryReport;

/**
 * Writes the delivery status notifications the queue decides are due (the report package
 * implements it), so that a report is queued in the same transaction as the outcome it reports.
 */
public interface ReportWriter {

    /** The whole report message, with CRLF line ends, as it is queued under {@code reportId}. */
    byte[] write(String reportId, DeliveryReport report, ZonedDateTime now);
}
