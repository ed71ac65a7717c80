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
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.config.ServerTls;
import org.mxgate.limit.LoginGuard;
import org.mxgate.queue.StableStorage;

/**
 * The POP3 listener (DomainPOP style): a gateway's collection credentials open a maildrop holding
 * the gateway's stored mail, each message with its envelope recipients in {@code X-Envelope-To:}
 * headers, so that a multidrop client can route it.
 */
@Startup
@DependsOn("StableStorage")
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Pop3Listener {

    private static final Logger LOG = Logger.getLogger(Pop3Listener.class.getName());
    private static final TcpListener.Protocol PROTOCOL = new TcpListener.Protocol("POP3", 50, 10 * 60 * 1000,
            "-ERR [SYS/TEMP] too many POP3 sessions, try again later");

    @Inject
    GatewaySettings settings;

    @Inject
    org.mxgate.metrics.MailMetrics metrics;

    @Inject
    ServerTls tls;

    @EJB
    StableStorage storage;

    @Inject
    java.time.Clock clock;

    @EJB
    DequeueService dequeue;

    @Resource
    ManagedThreadFactory threads;

    private TcpListener listener;
    private LoginGuard guard;

    @PostConstruct
    void start() {
        if (settings.pop3Port() == 0) {
            LOG.info("POP3 listener off (mxgate.pop3.port=0)");
            return;
        }
        guard = new LoginGuard(clock);
        ServerTls serverTls = tls.resolved();
        try {
            listener = TcpListener.start(PROTOCOL, settings.smtpBind(), settings.pop3Port(), settings.instance(),
                    threads, (socket, client, owner) -> new Pop3Session(maildrop(owner), client,
                            settings.plaintextLoginAllowed(socket.getInetAddress()), settings.hostname(),
                            TcpListener.startTls(serverTls, socket)).run(socket.getInputStream(), socket.getOutputStream()),
                    dequeue::releaseClaims);
            TcpListener started = listener;
            metrics.sessions("pop3", started::open);
        } catch (IOException e) {
            throw new IllegalStateException("POP3 listener cannot bind " + settings.smtpBind() + ":"
                    + settings.pop3Port() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private Pop3Maildrop maildrop(String owner) {
        return (user, password, client) -> guard.attempt(client, () -> dequeue.pop3Open(user, password, client, owner))
                .map(messages ->
                new Pop3Maildrop.Opened() {
                    @Override
                    public List<Pop3Maildrop.Message> messages() {
                        return messages;
                    }

                    @Override
                    public Optional<byte[]> content(String uid) {
                        return dequeue.pop3Content(uid);
                    }

                    @Override
                    public void commit(List<String> deleted) {
                        dequeue.pop3Commit(owner, deleted, client);
                        storage.write(); // before the +OK: a killed process must not offer them again
                    }

                    @Override
                    public void abandon() {
                        dequeue.releaseClaims(owner);
                    }
                });
    }
}
