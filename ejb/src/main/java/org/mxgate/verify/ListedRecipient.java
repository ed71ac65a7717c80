package org.mxgate.verify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One entry of a gateway's address list ({@link AddressPatterns}), as stored: lower case, with its domain. */
@Entity
@Table(name = "VERIFY_LIST", indexes = @Index(name = "VERIFY_LIST_DOMAIN", columnList = "domain"))
@NamedQuery(name = "ListedRecipient.ofDomain",
        query = "SELECT r.entry FROM ListedRecipient r WHERE r.domain = :domain ORDER BY r.entry")
@NamedQuery(name = "ListedRecipient.removeDomain", query = "DELETE FROM ListedRecipient r WHERE r.domain = :domain")
public class ListedRecipient {

    @Id
    @Column(length = 320)
    private String entry;

    @Column(length = 255, nullable = false)
    private String domain;

    protected ListedRecipient() {
    }

    ListedRecipient(String entry, String domain) {
        this.entry = entry;
        this.domain = domain;
    }

    public String getEntry() {
        return entry;
    }
}
