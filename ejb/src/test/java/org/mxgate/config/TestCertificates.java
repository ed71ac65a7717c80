package org.mxgate.config;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate made with the JDK's keytool, as the launcher makes one; once per test run. */
public final class TestCertificates {

    private static final char[] PASSWORD = "test-keystore".toCharArray();
    private static KeyStore store;

    private TestCertificates() {
    }

    /** The server side: mxgate's certificate for {@code mx.example.net}. */
    public static SSLContext server() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client that trusts exactly that certificate. */
    public static SSLContext client() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("mxgate", store().getCertificate("mxgate"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static synchronized KeyStore store() throws Exception {
        if (store == null) {
            Path dir = Files.createTempDirectory("mxgate-tls");
            Path file = dir.resolve("test.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "mxgate", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=mx.example.net", "-ext", "SAN=dns:mx.example.net", "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            keytool.getInputStream().readAllBytes();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed");
            }
            KeyStore loaded = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                loaded.load(in, PASSWORD);
            }
            Files.delete(file);
            Files.delete(dir);
            store = loaded;
        }
        return store;
    }
}
