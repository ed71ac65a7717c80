package org.mxgate.queue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What makes a commit stable: the database mxgate was told to use, checked at start, and, for
 * the embedded H2 store, a sync after the commit.
 *
 * <p>PostgreSQL syncs its write-ahead log before a commit returns. H2 does not (not even with
 * {@code WRITE_DELAY=0}): a power cut could lose what was acknowledged. Its {@code CHECKPOINT
 * SYNC} writes everything committed so far and forces the file to the device; {@link
 * #awaitStable(long)} runs one for every caller that committed before it began, so one sync covers
 * the messages of many sessions (group commit).
 *
 * <p>At start the database is checked before any listener opens: when the launcher names the
 * database it configured ({@code mxgate.db.expected-url}), a connection must reach exactly that
 * one. Payara keeps a throw-away database of its own when a data source cannot be set up; mail
 * stored there would be lost at the next restart, so mxgate refuses to start instead. Then the
 * {@link Spool} is opened (it keeps large messages' files for the embedded store only), and files
 * no message refers to are deleted.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StableStorage {

    private static final Logger LOG = Logger.getLogger(StableStorage.class.getName());

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject @ConfigProperty(name = "mxgate.db.expected-url")
    Optional<String> expectedUrl;

    @Inject @ConfigProperty(name = "mxgate.db.stop-on-failure", defaultValue = "false")
    boolean stopOnFailure;

    @Inject
    Spool spool;

    @Resource
    TimerService timers;

    @EJB
    QueueService queue;

    /** For the embedded store only; null where the database syncs each commit itself. */
    private GroupSync groupSync;

    @PostConstruct
    void check() {
        String url;
        String product;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException | RuntimeException e) {
            throw refusal("the database cannot be reached (" + expectedUrl.orElse("java:comp/DefaultDataSource") + "): "
                    + e);
        }
        if (expectedUrl.isPresent() && !isExpected(expectedUrl.get(), url, product)) {
            throw refusal("the database setting was not taken: expected " + expectedUrl.get() + ", the server gave "
                    + url + " (see the pre-boot errors above; check MXGATE_DB_URL, MXGATE_DB_USER and MXGATE_DB_PASSWORD)");
        }
        boolean syncAfterCommit = product.toUpperCase(Locale.ROOT).contains("H2");
        if (!syncAfterCommit) {
            addRecipientIndex();
        }
        groupSync = syncAfterCommit ? new GroupSync(this::sync) : null;
        if (syncAfterCommit) {
            // everything written is synced within a second, also what no 250 waits for; H2 may
            // reuse the space of old chunks only after RETENTION_TIME (5 s, launcher), so a chunk
            // the last synced state refers to is never overwritten before a newer state is synced
            timers.createIntervalTimer(1000, 1000, new TimerConfig("store-sync", false));
        }
        // the embedded store keeps large messages in files beside it; PostgreSQL keeps them itself
        spool.open(syncAfterCommit);
        if (syncAfterCommit) {
            int swept = queue.sweepSpool();
            if (swept > 0) {
                LOG.info("deleted " + swept + " spool file(s) of messages that were never stored");
            }
        }
        LOG.info("store: " + product + " at " + url + (syncAfterCommit
                ? "; each acknowledged commit is synced to the device (group commit)"
                : "; the database syncs each commit"));
    }

    /**
     * Indexes recipients by message in a PostgreSQL database made before that index was declared
     * (the schema generation adds columns to existing tables, not indexes). H2 has it anyway: it
     * indexes each foreign key. A new database gets it with the table.
     */
    private void addRecipientIndex() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean recipientsExist;
            try (ResultSet tables = c.getMetaData().getTables(null, null, "message_recipient", null)) {
                recipientsExist = tables.next();
            }
            if (recipientsExist) {
                s.execute("CREATE INDEX IF NOT EXISTS " + QueuedMessage.RECIPIENT_INDEX + " ON MESSAGE_RECIPIENT (MESSAGEID)");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "indexing recipients by message failed (outcomes will be slow): " + e, e);
        }
    }

    /**
     * Whether the connection is to the configured database: for PostgreSQL, a PostgreSQL server
     * (its driver writes the URL its own way); for the embedded store, that very file.
     */
    static boolean isExpected(String expected, String actualUrl, String product) {
        if (expected.startsWith("jdbc:postgresql:")) {
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgresql");
        }
        return actualUrl != null && base(actualUrl).equalsIgnoreCase(base(expected));
    }

    private static String base(String url) {
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    /** Logs why mxgate cannot start, stops the process where the launcher asks so, and fails the deployment. */
    private IllegalStateException refusal(String why) {
        LOG.severe("mxgate cannot start: " + why);
        if (stopOnFailure) {
            // not on this thread: the deployment must end (with the exception below) first
            Thread stop = new Thread(() -> System.exit(3), "mxgate-stop");
            stop.setDaemon(true);
            stop.start();
        }
        return new IllegalStateException("mxgate cannot start: " + why);
    }

    /**
     * Closes the embedded store when mxgate stops, after every bean that writes to it (they
     * depend on this one, so they stop first). Left open at exit, H2 is recovered at the next
     * start from what its file header names; in CI a restart after Ctrl-C came back with the
     * store as it was minutes before (tables created, every row since gone). {@code SHUTDOWN}
     * writes what is committed, its header, and closes the file.
     */
    @PreDestroy
    void close() {
        if (groupSync == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
            LOG.info("store: H2 closed");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the store failed: " + e, e);
        }
    }

    @Timeout
    void syncWritten() {
        try {
            groupSync.await();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "periodic sync failed: " + e, e);
        }
    }

    /**
     * Marks everything committed so far (call it once the commit has returned), for {@link
     * #awaitStable(long)}.
     */
    public long committed() {
        return groupSync == null ? 0 : groupSync.ticket();
    }

    /**
     * Returns once everything committed before {@code mark} was taken ({@link #committed()}) is
     * on stable storage; throws when the sync fails (nothing may be acknowledged then). A sync
     * run for an earlier mark covers the later ones taken before it began.
     */
    public void awaitStable(long mark) {
        if (groupSync != null) {
            groupSync.await(mark);
        }
    }

    /**
     * Writes what is committed to the embedded store's file now, without a sync, so that it
     * survives the process being killed: for commits no 250 waits for but that should not wait
     * for H2's write delay either (delivery outcomes: one lost would send its message again).
     * Nothing to do where the database writes each commit itself.
     */
    public void write() {
        if (groupSync == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "writing the store failed (the next sync writes it): " + e, e);
        }
    }

    /**
     * Why the database does not answer now (a connection from the pool that is not valid within
     * {@code seconds}), or empty when it does.
     */
    public Optional<String> unanswered(int seconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(seconds) ? Optional.empty() : Optional.of("no answer within " + seconds + " s");
        } catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Syncs done since start (0 where the database syncs its commits itself). */
    public long syncs() {
        return groupSync == null ? 0 : groupSync.syncs();
    }

    private void sync() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "sync of the store failed: " + e, e);
            throw new IllegalStateException("sync of the store failed: " + e, e);
        }
    }
}
