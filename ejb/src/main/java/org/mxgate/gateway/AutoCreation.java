package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.LocalDateTime;

/**
 * How mxgate came to create a gateway by itself: for which client's mail, the domain's MX
 * records then, and where its confirmation stands (pending until a time, with the hash of the
 * one-time token; confirmed; or delisted when the DNS no longer names mxgate). Immutable: each
 * step makes a new value. A gateway an operator made has none.
 */
@Embeddable
public class AutoCreation {

    private static final int MX_RECORDS_LENGTH = 1000;

    @Enumerated(EnumType.STRING)
    @Column(name = "AUTOSTATE", length = 16)
    private AutoState autoState;

    /** A pending automatic gateway is deleted with its mail unless confirmed by then. */
    private LocalDateTime confirmBy;

    /** SHA-256 (hex) of the one-time confirmation token of a pending automatic gateway. */
    @Column(name = "CONFIRMTOKENHASH", length = 64)
    private String confirmTokenHash;

    @Column(length = 64)
    private String createdForClient;

    @Column(length = MX_RECORDS_LENGTH)
    private String mxRecords;

    protected AutoCreation() {
    }

    private AutoCreation(AutoState state, LocalDateTime confirmBy, String confirmTokenHash, String client,
            String mxRecords) {
        this.autoState = state;
        this.confirmBy = confirmBy;
        this.confirmTokenHash = confirmTokenHash;
        this.createdForClient = client;
        this.mxRecords = mxRecords == null || mxRecords.length() <= MX_RECORDS_LENGTH ? mxRecords
                : mxRecords.substring(0, MX_RECORDS_LENGTH);
    }

    /** Created for {@code client}'s mail: pending until {@code confirmBy} when that is set, else confirmed. */
    static AutoCreation created(String client, String mxRecords, LocalDateTime confirmBy, String confirmTokenHash) {
        return new AutoCreation(confirmBy == null ? AutoState.CONFIRMED : AutoState.PENDING, confirmBy,
                confirmTokenHash, client, mxRecords);
    }

    /** Confirmed: the deadline and the token are gone. */
    AutoCreation confirmed() {
        return new AutoCreation(AutoState.CONFIRMED, null, null, createdForClient, mxRecords);
    }

    /**
     * After a DNS re-check: a settled gateway becomes delisted or confirmed again by whether the
     * DNS still names mxgate (a pending one stays pending); the MX records are kept up to date.
     */
    AutoCreation listed(boolean listed, String records) {
        AutoState state = autoState == AutoState.CONFIRMED || autoState == AutoState.DELISTED
                ? listed ? AutoState.CONFIRMED : AutoState.DELISTED : autoState;
        return new AutoCreation(state, confirmBy, confirmTokenHash, createdForClient,
                records != null ? records : mxRecords);
    }

    public boolean isPending() {
        return autoState == AutoState.PENDING;
    }

    public AutoState state() {
        return autoState;
    }

    public LocalDateTime confirmBy() {
        return confirmBy;
    }

    public String createdForClient() {
        return createdForClient;
    }

    /** The MX records when it was created or last re-checked, as described, cut to fit their column. */
    public String mxRecords() {
        return mxRecords;
    }
}
