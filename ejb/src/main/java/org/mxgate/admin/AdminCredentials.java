package org.mxgate.admin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.config.PrivateFiles;

/**
 * The operators and their passwords. {@code admin} may do everything: its password is
 * {@code MXGATE_ADMIN_PASSWORD} when set; otherwise one generated at first start, kept in
 * {@code <data dir>/admin-password} (readable by the owner only) and printed once in the log.
 * {@code viewer} may only look, and exists when {@code MXGATE_VIEWER_PASSWORD} is set. Named
 * operators ({@link Operators}) have a role of these two and a PBKDF2 hash; a password found
 * right is remembered (as an HMAC under a key of this process) for {@value #REMEMBER_MINUTES}
 * minutes, so that a script's every request does not cost a PBKDF2 run. The data directory is
 * made {@code 0700} at every start.
 */
@Startup
@Singleton
@Lock(LockType.READ)
public class AdminCredentials {

    public static final String USER = "admin";
    public static final String VIEWER = "viewer";
    /** The roles: {@code admin} changes anything, {@code viewer} reads. */
    public static final String ADMIN_ROLE = "admin";
    public static final String VIEWER_ROLE = "viewer";
    static final String FILE = "admin-password";

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    @Inject
    GatewaySettings settings;

    private byte[] password;
    private byte[] viewerPassword;

    static final int REMEMBER_MINUTES = 5;
    /** A named operator's password found right lately: its HMAC, the role, until when. */
    private record Remembered(byte[] mac, String role, long until) {
    }

    private final java.util.Map<String, Remembered> remembered = new java.util.concurrent.ConcurrentHashMap<>();
    private final byte[] macKey = new byte[32];

    @jakarta.persistence.PersistenceContext(unitName = "mxgate")
    jakarta.persistence.EntityManager em;

    @PostConstruct
    void load() {
        new SecureRandom().nextBytes(macKey);
        try {
            PrivateFiles.directory(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or protect the data directory " + settings.dataDir(), e);
        }
        String viewer = settings.viewerPassword();
        viewerPassword = viewer.isEmpty() ? null : viewer.getBytes(StandardCharsets.UTF_8);
        String configured = settings.adminPassword();
        if (!configured.isEmpty()) {
            password = configured.getBytes(StandardCharsets.UTF_8);
            return;
        }
        Path file = settings.dataDir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                PrivateFiles.tighten(file);
                password = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
                LOG.info("admin password: read from " + file);
                return;
            }
            String generated = generate();
            PrivateFiles.writeNew(file, generated + "\n");
            password = generated.getBytes(StandardCharsets.UTF_8);
            LOG.warning("admin password generated (user admin): " + generated + " (kept in " + file
                    + "; set MXGATE_ADMIN_PASSWORD to choose your own)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * The role of {@code user} when {@code candidate} is its password (compared in constant
     * time), else empty.
     */
    public java.util.Optional<String> role(String user, String candidate) {
        if (user == null || candidate == null) {
            return java.util.Optional.empty();
        }
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        if (USER.equals(user)) {
            return MessageDigest.isEqual(password, given) ? java.util.Optional.of(ADMIN_ROLE) : java.util.Optional.empty();
        }
        if (VIEWER.equals(user) && viewerPassword != null) {
            return MessageDigest.isEqual(viewerPassword, given) ? java.util.Optional.of(VIEWER_ROLE)
                    : java.util.Optional.empty();
        }
        return named(user, candidate);
    }

    /** A named operator's role when {@code candidate} is its password. */
    private java.util.Optional<String> named(String user, String candidate) {
        String name = user.toLowerCase(java.util.Locale.ROOT);
        byte[] mac = mac(name, candidate);
        Remembered r = remembered.get(name);
        if (r != null && r.until() > System.currentTimeMillis() && MessageDigest.isEqual(r.mac(), mac)) {
            return java.util.Optional.of(r.role());
        }
        OperatorAccount account = name.length() > 64 ? null : em.find(OperatorAccount.class, name);
        if (account == null || !Passwords.matches(candidate, account.passwordHash())) {
            return java.util.Optional.empty();
        }
        remembered.put(name, new Remembered(mac, account.getRole(),
                System.currentTimeMillis() + java.util.concurrent.TimeUnit.MINUTES.toMillis(REMEMBER_MINUTES)));
        return java.util.Optional.of(account.getRole());
    }

    /** Forgets what was remembered of operator {@code name} (its password or role changed, or it went). */
    public void forget(String name) {
        remembered.remove(name);
    }

    private byte[] mac(String name, String candidate) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(macKey, "HmacSHA256"));
            return mac.doFinal((name + "\u0000" + candidate).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }
}
