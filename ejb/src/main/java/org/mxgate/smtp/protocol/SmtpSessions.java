package org.mxgate.smtp.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.mail.Verdict;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/** Keeps a {@link SessionState} for each open session, runs the connect checks, logs connects and disconnects. */
public final class SmtpSessions implements SessionHandler {

    private static final Logger LOG = Logger.getLogger(SmtpSessions.class.getName());

    private final Map<Session, SessionState> states = new ConcurrentHashMap<>();
    private final MailReceiver receiver;

    public SmtpSessions(MailReceiver receiver) {
        this.receiver = receiver;
    }

    /** Runs the connect checks: a refusal is the greeting, then the connection closes. */
    @Override
    public SessionAcceptance accept(Session session) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        LOG.log(Level.FINE, "session={0} connect from [{1}]", new Object[] {session.getSessionId(), client});
        Verdict verdict = receiver.connect(client);
        if (verdict.refuses()) {
            SmtpCommand.logRefusal(session.getSessionId(), "connect", client, "", verdict.reply());
            return SessionAcceptance.failure(verdict.reply().code(),
                    verdict.reply().status() + " " + verdict.reply().text());
        }
        states.put(session, new SessionState());
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
