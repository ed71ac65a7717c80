package org.mxgate.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A named operator: a role ({@code admin} or {@code viewer}) and a salted password hash ({@link Passwords}). */
@Entity
@Table(name = "OPERATOR_ACCOUNT")
@NamedQuery(name = "OperatorAccount.all", query = "SELECT o FROM OperatorAccount o ORDER BY o.name")
public class OperatorAccount {

    @Id
    @Column(length = 64)
    private String name;

    @Column(nullable = false, length = 16)
    private String role;

    @Column(nullable = false, length = 200)
    private String passwordHash;

    @Column(nullable = false)
    private LocalDateTime createdAt;

    protected OperatorAccount() {
    }

    OperatorAccount(String name, String role, String passwordHash, LocalDateTime createdAt) {
        this.name = name;
        this.role = role;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public String getRole() {
        return role;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    String passwordHash() {
        return passwordHash;
    }

    void change(String role, String passwordHash) {
        this.role = role;
        this.passwordHash = passwordHash;
    }
}
