package org.mxgate.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * mxgate's server certificate, for the listeners that offer TLS on a plain connection (STLS,
 * STARTTLS): a PKCS#12 key store ({@code MXGATE_TLS_KEYSTORE}, its password in
 * {@code MXGATE_TLS_KEYSTORE_PASSWORD}). Without one, TLS is not offered. TLS 1.2 and 1.3 only.
 */
@ApplicationScoped
public class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    @Inject
    GatewaySettings settings;

    private SSLContext context;

    @PostConstruct
    void load() {
        Optional<String> path = settings.tlsKeystore();
        if (path.isEmpty()) {
            LOG.warning("TLS off: MXGATE_TLS_KEYSTORE is not set, so STLS and STARTTLS are not offered");
            return;
        }
        char[] password = settings.tlsKeystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(path.get()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            context = tls;
            LOG.info("TLS on, with the key store " + path.get());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("MXGATE_TLS_KEYSTORE " + path.get() + " cannot be used: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** TLS with {@code context}, or off when it is null: for the SMTP server tests run outside a container. */
    public static ServerTls of(SSLContext context) {
        ServerTls tls = new ServerTls();
        tls.context = context;
        return tls;
    }

    /**
     * A plain (not container-managed) copy, for listener threads the container does not manage:
     * on Payara Server a CDI proxy used there first made an instance without its injections.
     */
    public ServerTls resolved() {
        return of(context);
    }

    /** No certificate: STARTTLS and STLS are not offered. */
    public static ServerTls off() {
        return of(null);
    }

    /** Whether mxgate has a certificate to offer TLS with. */
    public boolean available() {
        return context != null;
    }

    /** Limits a TLS socket, server or client side, to the protocols mxgate speaks (TLS 1.3 and 1.2). */
    public static void restrictProtocols(SSLSocket tls) {
        tls.setEnabledProtocols(Arrays.stream(PROTOCOLS)
                .filter(p -> Arrays.asList(tls.getSupportedProtocols()).contains(p)).toArray(String[]::new));
    }

    /** TLS as the server over an accepted connection: the handshake is done when this returns. */
    public SSLSocket serverOver(Socket socket) throws IOException {
        if (context == null) {
            throw new IllegalStateException("TLS is off");
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        restrictProtocols(tls);
        tls.startHandshake();
        return tls;
    }
}
