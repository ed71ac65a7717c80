package org.mxgate.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import org.mxgate.config.GatewaySettings;
import org.mxgate.mail.DeliveryReport;
import org.mxgate.queue.ReportWriter;

/** The queue's reports as {@link BounceComposer} writes them, from this host's MAILER-DAEMON. */
@ApplicationScoped
public class DsnReportWriter implements ReportWriter {

    @Inject
    GatewaySettings settings;

    @Override
    public byte[] write(String reportId, DeliveryReport report, ZonedDateTime now) {
        return BounceComposer.compose(report.action(), settings.hostname(), reportId, report.original(),
                report.recipients(), now);
    }
}
