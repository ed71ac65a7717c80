package org.mxgate.autogateway;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;

/**
 * The housekeeping of automatic gateways on a timer of its own (non-persistent; the deadlines
 * are columns): at every queue-run interval it deletes the pending gateways whose confirmation
 * time has run out, and once an hour it asks the DNS again whether it still names mxgate.
 */
@Startup
@DependsOn("StableStorage")
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutoGatewayTimer {

    private static final Logger LOG = Logger.getLogger(AutoGatewayTimer.class.getName());
    private static final Duration RECHECK_INTERVAL = Duration.ofHours(1);

    @Resource
    TimerService timers;

    @EJB
    AutoGatewayService autoGateways;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastRecheck;

    @PostConstruct
    void start() {
        long interval = settings.queueRunInterval().toMillis();
        timers.createIntervalTimer(Math.min(interval, 1000), interval, new TimerConfig("auto-gateways", false));
    }

    @Timeout
    void onTimer() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            try {
                autoGateways.expire();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "expiring unconfirmed automatic gateways failed: " + e, e);
            }
            long now = clock.millis();
            if (now - lastRecheck >= RECHECK_INTERVAL.toMillis()) {
                lastRecheck = now;
                try {
                    autoGateways.recheck();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "re-checking the DNS of automatic gateways failed: " + e, e);
                }
            }
        } finally {
            running.set(false);
        }
    }
}
