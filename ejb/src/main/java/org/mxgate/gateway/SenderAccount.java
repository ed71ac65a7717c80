package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A sender account of a gateway: an address in its domain that may log in by SMTP AUTH, with its password's hash. */
@Entity
@Table(name = "SENDER_ACCOUNT", indexes = @Index(name = "SENDER_ACCOUNT_DOMAIN", columnList = "domain"))
@NamedQuery(name = "SenderAccount.ofDomain",
        query = "SELECT a.address FROM SenderAccount a WHERE a.domain = :domain ORDER BY a.address")
@NamedQuery(name = "SenderAccount.removeDomain", query = "DELETE FROM SenderAccount a WHERE a.domain = :domain")
public class SenderAccount {

    /** The address in lower case. */
    @Id
    @Column(length = 320)
    private String address;

    @Column(length = 255, nullable = false)
    private String domain;

    /** A salted PBKDF2 hash ({@link Passwords}). */
    @Column(length = 200, nullable = false)
    private String passwordHash;

    protected SenderAccount() {
    }

    SenderAccount(String address, String domain, String passwordHash) {
        this.address = address;
        this.domain = domain;
        this.passwordHash = passwordHash;
    }

    void password(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    String passwordHash() {
        return passwordHash;
    }
}
