package org.mxgate.smtp.protocol;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.limit.RateLimit;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/** Keeps a {@link SessionState} for each open session, runs the connect checks, logs connects and disconnects. */
public final class SmtpSessions implements SessionHandler {

    private static final Logger LOG = Logger.getLogger(SmtpSessions.class.getName());

    private final Map<Session, SessionState> states = new ConcurrentHashMap<>();
    /** Open sessions per client address that is not trusted. */
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final MailReceiver receiver;
    private final SmtpLimits.ClientLimit limit;
    /** New sessions and RCPTs per client address and minute; null: no limit. */
    private final RateLimit connectionRate;
    private final RateLimit recipientRate;
    private volatile boolean stopping;

    public SmtpSessions(MailReceiver receiver, SmtpLimits.ClientLimit limit) {
        this.receiver = receiver;
        this.limit = limit;
        this.connectionRate = perMinute(limit.connectionsPerMinute());
        this.recipientRate = perMinute(limit.recipientsPerMinute());
    }

    private static RateLimit perMinute(int n) {
        return n == 0 ? null : new RateLimit(n, Duration.ofMinutes(1).dividedBy(n), Clock.systemUTC());
    }

    /** Runs the connect checks: a refusal is the greeting, then the connection closes. */
    @Override
    public SessionAcceptance accept(Session session) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        LOG.log(Level.FINE, "session={0} connect from [{1}]", new Object[] {session.getSessionId(), client});
        if (stopping) {
            return SessionAcceptance.failure(SmtpReplies.SHUTTING_DOWN.code(),
                    SmtpReplies.SHUTTING_DOWN.status() + " " + SmtpReplies.SHUTTING_DOWN.text());
        }
        boolean trusted = limit.trusted().contains(session.getRemoteAddress().getAddress());
        if (!trusted && perClient.merge(client, 1, Integer::sum) > limit.sessions()) {
            release(client);
            return refuse(session, client, limit.sessions() + " sessions open from this address",
                    SmtpReplies.TOO_MANY_SESSIONS);
        }
        if (!trusted && connectionRate != null && connectionRate.take(client).isPresent()) {
            release(client);
            return refuse(session, client, "more than " + limit.connectionsPerMinute()
                    + " sessions in the last minute", SmtpReplies.CONNECTION_RATE);
        }
        if (!trusted && !limit.greetingDelay().isZero() && talksBeforeGreeting(session)) {
            release(client);
            return refuse(session, client, "sent before the greeting", SmtpReplies.TALKED_FIRST);
        }
        Verdict verdict = receiver.connect(client);
        if (verdict.refuses()) {
            if (!trusted) {
                release(client);
            }
            return refuse(session, client, "", verdict.reply());
        }
        states.put(session, new SessionState(client, trusted));
        return SessionAcceptance.success();
    }

    private SessionAcceptance refuse(Session session, String client, String why, SmtpReply refusal) {
        if (!why.isEmpty()) {
            receiver.limited(); // a limit of the listener's own; the checks count theirs
        }
        SmtpCommand.logRefusal(session.getSessionId(), "connect", client, why, refusal);
        return SessionAcceptance.failure(refusal.code(), refusal.status() + " " + refusal.text());
    }

    /** Whether the client sends anything within the greeting delay: a client waits for the greeting (RFC 5321 §4.3.1). */
    private boolean talksBeforeGreeting(Session session) {
        long end = System.nanoTime() + limit.greetingDelay().toNanos();
        try {
            while (true) {
                if (session.getRawInput().available() > 0) {
                    return true;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Takes one RCPT of the session's client from its rate: empty while it is within the rate
     * (or trusted), else the refusal.
     */
    Optional<SmtpReply> recipientRefusal(SessionState state) {
        if (state.trusted() || recipientRate == null || recipientRate.take(state.client()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SmtpReplies.RECIPIENT_RATE);
    }

    /** Sessions open now. */
    public int open() {
        return states.size();
    }

    @Override
    public void onSessionEnd(Session session) {
        SessionState state = states.remove(session);
        if (state != null && !state.trusted()) {
            release(state.client());
        }
        LOG.log(Level.FINE, "session={0} disconnect", session.getSessionId());
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * Ends every open session with {@code 421 4.3.2} (RFC 5321 §3.8): at once where it waits for
     * a command or is still sending a message (which is then not stored: its client keeps it),
     * after its reply where a command runs or a message is being stored. After {@code grace}, what
     * is left is closed all the same. New connections are told the same. Returns the number of
     * sessions told.
     */
    public int stopAll(Duration grace) {
        stopping = true;
        long end = System.nanoTime() + grace.toNanos();
        int told = 0;
        while (!states.isEmpty()) {
            boolean force = System.nanoTime() > end;
            for (Map.Entry<Session, SessionState> e : states.entrySet()) {
                Session session = e.getKey();
                if (e.getValue().closeIfQuiet(force, () -> tellStopping(session))) {
                    states.remove(session);
                    told++;
                }
            }
            if (force) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return told;
    }

    /**
     * Closes the sessions (of clients not trusted) that have lasted longer than the session time
     * limit, or spent longer than {@code dataTimeout} in DATA, with {@code 421 4.4.2}; not while a
     * command writes its reply or a message is being stored (the next sweep finds them). Returns
     * how many were closed.
     */
    int closeOverdue(Duration dataTimeout) {
        long now = System.nanoTime();
        int closed = 0;
        for (Map.Entry<Session, SessionState> e : states.entrySet()) {
            SessionState state = e.getValue();
            Session session = e.getKey();
            if (!state.trusted() && state.overdue(now, limit.sessionTime(), dataTimeout)
                    && state.closeIfQuiet(false, () -> tell(session, SmtpReplies.SESSION_TIME_LIMIT))) {
                SmtpCommand.logRefusal(session.getSessionId(), "session", state.client(),
                        "over the time limit", SmtpReplies.SESSION_TIME_LIMIT);
                receiver.limited();
                closed++;
            }
        }
        return closed;
    }

    private static void tellStopping(Session session) {
        tell(session, SmtpReplies.SHUTTING_DOWN);
    }

    private static void tell(Session session, SmtpReply reply) {
        try {
            session.sendResponse(reply.toString());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "session={0}: could not send 421: {1}", new Object[] {session.getSessionId(), e});
        }
        try {
            session.closeSocket();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "session={0}: close: {1}", new Object[] {session.getSessionId(), e});
        }
    }

    boolean stopping() {
        return stopping;
    }

    /** The session's state; one not seen at connect (closed by a stop meanwhile) gets one without limits. */
    public SessionState of(Session session) {
        return states.computeIfAbsent(session, s -> new SessionState(
                s.getRemoteAddress().getAddress().getHostAddress(), true));
    }
}
