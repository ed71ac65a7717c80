package org.mxgate.dequeue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;

/**
 * The POP3 listener (DomainPOP style): a gateway's collection credentials open a maildrop holding
 * the gateway's stored mail, each message with its envelope recipients in {@code X-Envelope-To:}
 * headers, so that a multidrop client can route it.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Pop3Listener {

    private static final Logger LOG = Logger.getLogger(Pop3Listener.class.getName());
    private static final int MAX_SESSIONS = 50;
    private static final int IDLE_TIMEOUT_MILLIS = 10 * 60 * 1000;

    @Inject
    GatewaySettings settings;

    @EJB
    DequeueService dequeue;

    @Resource
    ManagedThreadFactory threads;

    private final AtomicLong sessions = new AtomicLong();
    private ServerSocket server;
    private ExecutorService pool;

    @PostConstruct
    void start() {
        if (settings.pop3Port() == 0) {
            LOG.info("POP3 listener off (mxgate.pop3.port=0)");
            return;
        }
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(settings.smtpBind()), settings.pop3Port()), 50);
        } catch (IOException e) {
            throw new IllegalStateException("POP3 listener cannot bind " + settings.smtpBind() + ":"
                    + settings.pop3Port() + ": " + e.getMessage(), e);
        }
        pool = new ThreadPoolExecutor(MAX_SESSIONS, MAX_SESSIONS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
        Thread acceptor = threads.newThread(this::accept);
        acceptor.setName("mxgate-pop3-acceptor");
        acceptor.start();
        LOG.info("POP3 listener on " + settings.smtpBind() + ":" + server.getLocalPort());
    }

    @PreDestroy
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                pool.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "POP3 accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        String client = socket.getInetAddress().getHostAddress();
        String owner = settings.instance() + "/pop3/" + sessions.incrementAndGet();
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            boolean plaintext = socket.getInetAddress().isLoopbackAddress() || settings.pop3PlaintextAnywhere();
            new Pop3Session(maildrop(owner), client, plaintext, settings.hostname())
                    .run(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "POP3 session " + owner + " from [" + client + "] ended: " + e);
        } finally {
            // whatever is still claimed by this session goes back (a dropped connection removes nothing)
            try {
                dequeue.pop3Release(owner);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "POP3 session " + owner + ": its messages return when the claim lapses: " + e);
            }
        }
    }

    private Pop3Maildrop maildrop(String owner) {
        return (user, password, client) -> dequeue.pop3Open(user, password, client, owner).map(messages ->
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
                    }

                    @Override
                    public void abandon() {
                        dequeue.pop3Release(owner);
                    }
                });
    }
}
