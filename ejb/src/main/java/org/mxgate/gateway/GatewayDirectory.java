package org.mxgate.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The gateways as the SMTP checks see them. They are asked for at every RCPT, several times, so
 * an answer (a gateway, or that there is none) is kept for {@link #FRESH}: a change made through
 * another instance sharing the database shows within that; one made here is seen at once, since
 * {@link GatewayChanges} tells the directory when a gateway is written. The gateways returned
 * are read-only copies; whoever changes a gateway reads it through {@link GatewayService}.
 */
@ApplicationScoped
public class GatewayDirectory {

    /** How long an answer is used before it is asked again. */
    static final Duration FRESH = Duration.ofSeconds(1);

    /**
     * The most answers kept: RCPTs to random domains (that there is no gateway is an answer too)
     * must not fill the memory. Past it, answers no longer fresh are let go, and if that is not
     * enough, all.
     */
    static final int MAX_ANSWERS = 10_000;

    private record Answer(Optional<Gateway> gateway, long askedAt) {
    }

    @EJB
    GatewayService gateways;

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** Counts the gateways written here: an answer read while one was written is not kept. */
    private final AtomicLong writes = new AtomicLong();
    private Function<String, Optional<Gateway>> source;
    private LongSupplier nanoTime;

    GatewayDirectory() {
    }

    /** A directory reading {@code source} (lower-case domains), with {@code nanoTime} as its clock. */
    GatewayDirectory(Function<String, Optional<Gateway>> source, LongSupplier nanoTime) {
        this.source = source;
        this.nanoTime = nanoTime;
    }

    @PostConstruct
    void connect() {
        source = domain -> gateways.read(domain);
        nanoTime = System::nanoTime;
    }

    /** The gateway for a domain (any case), if there is one, as known at most {@link #FRESH} ago. */
    public Optional<Gateway> find(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String key = domain.toLowerCase(Locale.ROOT);
        long now = nanoTime.getAsLong();
        Answer known = answers.get(key);
        if (known != null && now - known.askedAt() < FRESH.toNanos()) {
            return known.gateway();
        }
        long writesBefore = writes.get();
        Optional<Gateway> found = source.apply(key);
        if (writes.get() == writesBefore) {
            if (answers.size() >= MAX_ANSWERS) {
                answers.values().removeIf(a -> now - a.askedAt() >= FRESH.toNanos());
                if (answers.size() >= MAX_ANSWERS) {
                    answers.clear();
                }
            }
            answers.put(key, new Answer(found, now));
        }
        return found;
    }

    /** How many answers are kept now. */
    int remembered() {
        return answers.size();
    }

    /** A gateway was written (created, changed or deleted) here: its next answer is read again. */
    public void written(String domain) {
        writes.incrementAndGet();
        answers.remove(domain.toLowerCase(Locale.ROOT));
    }
}
