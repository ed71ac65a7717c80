package org.mxgate.dequeue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.config.ServerTls;
import org.mxgate.delivery.SmtpClient;
import org.mxgate.delivery.SmtpDeliveryAgent;
import org.mxgate.delivery.SmtpException;
import org.mxgate.limit.LoginGuard;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.queue.AttemptResult;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.QueueService;
import org.mxgate.queue.RecipientResult;
import org.mxgate.queue.StableStorage;

/**
 * The On-Demand Mail Relay listener (RFC 2645, port 366 by default): a domain server logs in
 * with its gateway's credentials, sends ATRN, and mxgate delivers the domain's waiting mail back
 * over the same connection. Each message's outcome is recorded as soon as the domain server has
 * answered for it; what it has not accepted when the connection ends stays queued.
 */
@Startup
@DependsOn("StableStorage")
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OdmrListener {

    private static final Logger LOG = Logger.getLogger(OdmrListener.class.getName());
    /** 5 minutes: RFC 5321 §4.5.3.2's server timeout for the command phase; the turned phase reads replies as long. */
    private static final TcpListener.Protocol PROTOCOL = new TcpListener.Protocol("ODMR", 20, 5 * 60 * 1000,
            SmtpReplies.tooManySessions("on-demand mail relay").toString());

    @Inject
    GatewaySettings settings;

    @Inject
    org.mxgate.metrics.MailMetrics metrics;

    @Inject
    ServerTls tls;

    @Inject
    java.time.Clock clock;

    @EJB
    DequeueService dequeue;

    @EJB
    QueueService queue;

    @EJB
    StableStorage storage;

    @Resource
    ManagedThreadFactory threads;

    private TcpListener listener;
    private LoginGuard guard;

    @PostConstruct
    void start() {
        if (settings.odmrPort() == 0) {
            LOG.info("ODMR listener off (mxgate.odmr.port=0)");
            return;
        }
        guard = new LoginGuard(clock);
        ServerTls serverTls = tls.resolved();
        try {
            listener = TcpListener.start(PROTOCOL, settings.smtpBind(), settings.odmrPort(), settings.instance(),
                    threads, (socket, client, owner) -> new OdmrSession(queue(socket, client, owner), client,
                            settings.plaintextLoginAllowed(socket.getInetAddress()), settings.hostname(),
                            TcpListener.startTls(serverTls, socket)).run(socket.getInputStream(), socket.getOutputStream()),
                    dequeue::releaseClaims);
            TcpListener started = listener;
            metrics.sessions("odmr", started::open);
        } catch (IOException e) {
            // an optional service: the gateway runs on without it, and says so loudly
            LOG.severe("ODMR listener off: cannot bind " + settings.smtpBind() + ":" + settings.odmrPort() + " ("
                    + e.getMessage() + "); set MXGATE_ODMR_PORT to a port mxgate may bind, or 0");
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private OdmrQueue queue(Socket socket, String client, String owner) {
        return new OdmrQueue() {
            @Override
            public boolean checkPassword(String user, String password, String from) {
                return guard.attempt(from, () -> dequeue.odmrPassword(user, password, from));
            }

            @Override
            public boolean checkCramMd5(String user, String challenge, String digest, String from) {
                return guard.attempt(from, () -> dequeue.odmrCramMd5(user, challenge, digest, from));
            }

            @Override
            public SmtpReply etrn(String argument, String user, String from) {
                return dequeue.etrn(argument, from, user);
            }

            @Override
            public Turn turn(String user, List<String> domains, String from) {
                DequeueService.Atrn atrn;
                try {
                    atrn = dequeue.atrn(user, domains, from, owner);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "ATRN " + domains + " from [" + from + "]: " + e);
                    return Turn.refused(SmtpReplies.ATRN_FAILED);
                }
                if (atrn.refusal() != null) {
                    return Turn.refused(atrn.refusal());
                }
                return new Turn() {
                    @Override
                    public SmtpReply refusal() {
                        return null;
                    }

                    @Override
                    public void deliver(InputStream in, OutputStream out) throws IOException {
                        turned(socket, in, out, client, owner, atrn.jobs());
                    }
                };
            }
        };
    }

    /** mxgate as the SMTP client on the turned connection: the domain server's greeting, EHLO, the mail, QUIT. */
    private void turned(Socket socket, InputStream in, OutputStream out, String client, String owner,
            List<DeliveryJob> jobs) throws IOException {
        String relay = "atrn[" + client + "]";
        SmtpClient smtp;
        try {
            smtp = SmtpClient.turnedAround(socket, in, out);
            smtp.hello(settings.hostname());
        } catch (SmtpException e) {
            LOG.info("ATRN turn with [" + client + "]: the domain server refused the session: " + e.response());
            return;
        }
        SmtpDeliveryAgent.deliverOver(smtp, relay, jobs, new SmtpDeliveryAgent.Outcomes() {
            @Override
            public Optional<MessageBytes> content(String id) {
                return queue.content(id);
            }

            @Override
            public void record(DeliveryJob job, String via, List<RecipientResult> results, String error,
                    boolean dsnPassedOn) {
                queue.recordAttempt(new AttemptResult(job.id(), owner, via, results, error, dsnPassedOn));
                storage.write(); // a killed process must not send it again
            }
        });
    }
}
