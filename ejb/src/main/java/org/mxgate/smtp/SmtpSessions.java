package org.mxgate.smtp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/** Keeps a {@link SessionState} for each open session and logs connects and disconnects. */
public final class SmtpSessions implements SessionHandler {

    private static final Logger LOG = Logger.getLogger(SmtpSessions.class.getName());

    private final Map<Session, SessionState> states = new ConcurrentHashMap<>();

    @Override
    public SessionAcceptance accept(Session session) {
        states.put(session, new SessionState());
        LOG.log(Level.FINE, "session={0} connect from [{1}]",
                new Object[] {session.getSessionId(), session.getRemoteAddress().getAddress().getHostAddress()});
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        states.remove(session);
        LOG.log(Level.FINE, "session={0} disconnect", session.getSessionId());
    }

    public SessionState of(Session session) {
        return states.computeIfAbsent(session, s -> new SessionState());
    }
}
