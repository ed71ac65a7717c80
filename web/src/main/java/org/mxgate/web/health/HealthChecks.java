package org.mxgate.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.mxgate.config.GatewaySettings;
import org.mxgate.delivery.QueueRunner;
import org.mxgate.queue.StableStorage;
import org.mxgate.smtp.ListenerState;

/**
 * What {@code /health/ready} asks (nothing but the listener's state until the SMTP listener has
 * started: a session bean asked while the deployment still initialises it would fail for good): the database answers (within {@value #DATABASE_SECONDS} s), the
 * SMTP listener is bound, and the queue runner has finished a run without an error lately (within
 * three queue intervals, at least {@link #RUN_AT_LEAST}) or is in one that is not stuck. Live
 * while the application is deployed.
 */
@ApplicationScoped
public class HealthChecks {

    static final int DATABASE_SECONDS = 3;
    static final Duration RUN_AT_LEAST = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());

    // looked up when asked, not injected: Payara Server makes the health checks while the
    // deployment is still under way, before these singletons can be injected anywhere
    @Inject
    Instance<StableStorage> storage;

    @Inject
    ListenerState smtp;

    @Inject
    Instance<QueueRunner> runner;

    @Inject
    GatewaySettings settings;

    @Produces
    @Liveness
    HealthCheck deployed() {
        return () -> HealthCheckResponse.up("mxgate");
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            if (!smtp.listening()) {
                // still starting (or stopping): the storage bean may not be there to ask
                return HealthCheckResponse.named("database").down().build();
            }
            Optional<String> why = storage.get().unanswered(DATABASE_SECONDS);
            why.ifPresent(w -> LOG.warning("health: the database does not answer: " + w));
            return HealthCheckResponse.named("database").status(why.isEmpty()).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck smtpListener() {
        return () -> HealthCheckResponse.named("smtp-listener").status(smtp.listening()).build();
    }

    @Produces
    @Readiness
    HealthCheck queueRunner() {
        return () -> {
            Duration recent = recent(settings.queueRunInterval());
            return HealthCheckResponse.named("queue-runner").status(smtp.listening() && runner.get().ranRecently(recent))
                    .withData("within-seconds", recent.toSeconds()).build();
        };
    }

    /** How recent the last good queue run must be: three intervals, at least two minutes. */
    static Duration recent(Duration interval) {
        Duration three = interval.multipliedBy(3);
        return three.compareTo(RUN_AT_LEAST) < 0 ? RUN_AT_LEAST : three;
    }
}
