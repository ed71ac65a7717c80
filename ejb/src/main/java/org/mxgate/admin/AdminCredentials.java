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
 * {@code viewer} may only look, and exists when {@code MXGATE_VIEWER_PASSWORD} is set. The data
 * directory is made {@code 0700} at every start.
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

    @PostConstruct
    void load() {
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

    /** True when the user is {@code admin} and the password matches, compared in constant time. */
    public boolean verify(String user, String candidate) {
        return ADMIN_ROLE.equals(role(user, candidate).orElse(null));
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
        MessageDigest.isEqual(password, given); // the same work for a user that does not exist
        return java.util.Optional.empty();
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
