package org.mxgate.queue;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.mxgate.config.GatewaySettings;
import org.mxgate.config.PrivateFiles;
import org.mxgate.mail.MessageBytes;

/**
 * Files for the bytes of large messages, beside the embedded database: {@code <data dir>/spool/}
 * holds one file per queued message whose bytes did not fit in memory when received, named by its
 * queue id; the database row ({@link MessageContent}) keeps the trace header and says the rest is
 * here. Messages are written to {@code spool/incoming/} while they are received.
 *
 * <p>A file is synced, and its directory entry too, before the row that refers to it is
 * committed; it is deleted only after the commit that deletes the row. The embedded store holds
 * no large values, so it never has to hold one in memory.
 *
 * <p>PostgreSQL, shared by several instances, keeps every message's bytes itself: the spool is
 * then used only while receiving.
 */
@ApplicationScoped
public class Spool {

    private static final Logger LOG = Logger.getLogger(Spool.class.getName());

    @Inject
    GatewaySettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private volatile boolean keepsMessages;

    private Path dir() {
        return settings.dataDir().resolve("spool");
    }

    /** Where messages are written while they are received. */
    public Path incoming() {
        return dir().resolve("incoming");
    }

    /**
     * Makes the directories (owner only) and empties {@code incoming} (messages whose sessions
     * ended with the last run); {@code keepMessages} when the store is the embedded one.
     */
    void open(boolean keepMessages) {
        try {
            PrivateFiles.directory(dir());
            PrivateFiles.directory(incoming());
            try (Stream<Path> left = Files.list(incoming())) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the spool " + dir(), e);
        }
        this.keepsMessages = keepMessages;
    }

    /** Whether large messages are kept here (else in the database). */
    boolean keepsMessages() {
        return keepsMessages;
    }

    /**
     * Keeps the bytes of {@code received} as message {@code id}'s: synced, linked under its id,
     * the directory synced. Undone if the transaction does not commit.
     */
    void keep(String id, Path received) {
        Path target = dir().resolve(id);
        try {
            try (FileChannel c = FileChannel.open(received, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.createLink(target, received);
            try (FileChannel d = FileChannel.open(dir(), StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool message " + id + ": " + e.getMessage(), e);
        }
        afterCompletion(committed -> {
            if (!committed) {
                delete(List.of(id));
            }
        });
    }

    /** Message {@code id}'s bytes: {@code head} (the row's) and its file; empty if the file is gone. */
    Optional<MessageBytes> read(String id, byte[] head) {
        Path file = dir().resolve(id);
        try {
            return Optional.of(MessageBytes.of(head, file, Files.size(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Deletes these messages' files once the transaction that deletes their rows has committed. */
    void deleteAfterCommit(Collection<String> ids) {
        if (keepsMessages && !ids.isEmpty()) {
            List<String> copy = List.copyOf(ids);
            afterCompletion(committed -> {
                if (committed) {
                    delete(copy);
                }
            });
        }
    }

    /** The ids of the files kept, for the start-up sweep. */
    List<String> keptIds() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Collection<String> ids) {
        for (String id : ids) {
            try {
                Files.deleteIfExists(dir().resolve(id));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete the spool file of " + id + " (the next start does): " + e);
            }
        }
    }

    private void afterCompletion(java.util.function.Consumer<Boolean> action) {
        if (transactions.getTransactionKey() == null) {
            action.accept(true);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }
}
