package org.mxgate.dequeue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.mxgate.config.ServerTls;

/**
 * A listening socket for one of the collection protocols (POP3, ODMR): each connection runs on a
 * pool thread, at most {@code maxSessions} at once (one beyond that is told the protocol's busy
 * reply and closed), under a name of its own ({@code <instance>/<protocol>/<n>}, the owner of what
 * it claims); when it ends, however it ends, the connection is closed and its claims are released.
 */
final class TcpListener implements AutoCloseable {

    /** What differs between the protocols: their name, limits and the line that says "busy". */
    record Protocol(String name, int maxSessions, int idleMillis, String busyReply) {
    }

    /** Sessions under way now. */
    int open() {
        return pool.getActiveCount();
    }

    /** One connection's session. */
    interface Session {
        void run(Socket socket, String client, String owner) throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());

    private final Protocol protocol;
    private final ServerSocket server;
    private final ThreadPoolExecutor pool;
    private final AtomicLong sessions = new AtomicLong();

    private TcpListener(Protocol protocol, ServerSocket server, ThreadPoolExecutor pool) {
        this.protocol = protocol;
        this.server = server;
        this.pool = pool;
    }

    /**
     * Binds {@code bind:port} and runs {@code session} for each connection, with the protocol's
     * read timeout; {@code release} gets the session's owner name after it.
     */
    static TcpListener start(Protocol protocol, String bind, int port, String instance, ThreadFactory threads,
            Session session, Consumer<String> release) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 50);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        // no queue: a connection finds a free thread at once or is told the listener is busy
        ThreadPoolExecutor pool = new ThreadPoolExecutor(protocol.maxSessions(), protocol.maxSessions(), 60,
                TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        TcpListener listener = new TcpListener(protocol, server, pool);
        Thread acceptor = threads.newThread(() -> listener.accept(socket ->
                listener.serve(socket, instance, session, release)));
        acceptor.setName("mxgate-" + protocol.name().toLowerCase(java.util.Locale.ROOT) + "-acceptor");
        acceptor.start();
        LOG.info(protocol.name() + " listener on " + bind + ":" + server.getLocalPort());
        return listener;
    }

    /** The port it listens on (the one the system picked for port 0). */
    int port() {
        return server.getLocalPort();
    }

    /** The TLS upgrade of a connection, or null where mxgate has no certificate. */
    static StartTls startTls(ServerTls tls, Socket socket) {
        if (!tls.available()) {
            return null;
        }
        return () -> {
            SSLSocket secured = tls.serverOver(socket);
            secured.setSoTimeout(socket.getSoTimeout());
            return new StartTls.Streams(secured.getInputStream(), secured.getOutputStream());
        };
    }

    private void accept(Consumer<Socket> session) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    pool.execute(() -> session.accept(socket));
                } catch (RejectedExecutionException e) {
                    busy(socket);
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, protocol.name() + " accept failed: " + e);
                }
            }
        }
    }

    /** Tells a connection beyond the session limit so, on the acceptor's thread, and closes it. */
    private void busy(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            Lines.send(socket.getOutputStream(), protocol.busyReply());
            LOG.info(protocol.name() + " connection from [" + socket.getInetAddress().getHostAddress() + "] refused: "
                    + protocol.maxSessions() + " sessions already");
        } catch (IOException e) {
            // it is closed either way
        }
    }

    private void serve(Socket socket, String instance, Session session, Consumer<String> release) {
        String client = socket.getInetAddress().getHostAddress();
        String owner = instance + "/" + protocol.name().toLowerCase(java.util.Locale.ROOT) + "/" + sessions.incrementAndGet();
        try (socket) {
            socket.setSoTimeout(protocol.idleMillis());
            session.run(socket, client, owner);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, protocol.name() + " session " + owner + " from [" + client + "] ended: " + e);
        } finally {
            // whatever the session still holds goes back: a dropped connection takes nothing
            try {
                release.accept(owner);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, protocol.name() + " session " + owner + ": its messages return when the claim lapses: " + e);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }
}
