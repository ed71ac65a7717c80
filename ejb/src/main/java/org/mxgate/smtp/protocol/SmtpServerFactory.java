package org.mxgate.smtp.protocol;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.mxgate.config.ServerTls;
import org.subethamail.smtp.server.SMTPServer;

/** Builds a SubEthaSMTP server that runs mxgate's command set; one place for the listener and the tests. */
public final class SmtpServerFactory {

    /** How long a client may stay silent between commands (RFC 5321 §4.5.3.2.7 asks for 5 minutes). */
    public static final int IDLE_TIMEOUT_SECONDS = 300;

    private SmtpServerFactory() {
    }

    /** @param tls mxgate's certificate for STARTTLS ({@link ServerTls#off()} where there is none) */
    public static SMTPServer build(InetAddress bind, int port, int maxSessions, SmtpLimits limits,
            MailReceiver receiver, ServerTls tls, ExecutorService executor) {
        SmtpSessions sessions = new SmtpSessions(receiver, limits.clients());
        SMTPServer server = SMTPServer.port(port)
                .bindAddress(bind)
                .hostName(limits.hostname())
                .softwareName("mxgate")
                .messageHandlerFactory(ctx -> new MailTransaction())
                .sessionHandler(sessions)
                .executorService(executor)
                .maxConnections(maxSessions)
                .connectionTimeout(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .maxRecipients(limits.maxRecipients())
                .maxMessageSize(limits.maxMessageSize())
                .insertReceivedHeaders(false)
                .build();
        SmtpCommands.all(limits, sessions, receiver, tls).forEach(server.getCommandHandler()::addCommand);
        // a daemon of its own, like SubEthaSMTP's accepting thread: it holds no resource and ends
        // with the server (a server built and never stopped does not keep the process alive)
        Thread sweeper = new Thread(() -> sweep(server, sessions, limits.dataTimeout()), "mxgate-smtp-sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
        return server;
    }

    /** Once a second, until the server has run and stopped: closes the sessions over their time limits. */
    private static void sweep(SMTPServer server, SmtpSessions sessions, Duration dataTimeout) {
        boolean started = false;
        while (!sessions.stopping() && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (server.isRunning()) {
                started = true;
                sessions.closeOverdue(dataTimeout);
            } else if (started) {
                return;
            }
        }
    }

    /**
     * Stops a server built here: every open session is told {@code 421 4.3.2} (a message being
     * stored gets its reply first, for at most {@code grace}), then the listener closes. Returns
     * the number of sessions told.
     */
    /** Sessions open now on {@code server} (one {@link #build} made). */
    public static int open(SMTPServer server) {
        return ((SmtpSessions) server.getSessionHandler()).open();
    }

    public static int stop(SMTPServer server, Duration grace) {
        int told = ((SmtpSessions) server.getSessionHandler()).stopAll(grace);
        server.stop();
        return told;
    }
}
