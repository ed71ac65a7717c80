package org.mxgate.queue;

import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Transactions that the database aborted because they collided with another one (PostgreSQL's
 * deadlock 40P01 and serialization failure 40001: two instances updating the same queue rows in
 * different orders). Such a transaction is simply run again, as PostgreSQL's manual advises.
 */
public final class Conflicts {

    private static final Logger LOG = Logger.getLogger(Conflicts.class.getName());
    private static final int ATTEMPTS = 3;

    private Conflicts() {
    }

    /**
     * Runs {@code transaction} (a call that starts and ends its own transaction, such as an EJB
     * method), again when the database aborted it for a conflict, at most {@value #ATTEMPTS} times.
     */
    public static <T> T retried(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                LOG.info("transaction aborted by a conflict, run again (" + attempt + "): " + e.getMessage());
            }
        }
    }

    /** Whether {@code e} was caused by a deadlock or serialization failure in the database. */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
