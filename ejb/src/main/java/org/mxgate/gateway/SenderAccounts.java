package org.mxgate.gateway;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;
import org.mxgate.admin.Passwords;
import org.mxgate.admin.ServiceException;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;

/**
 * Who may log in by SMTP AUTH on the SMTP port: a gateway's domain servers with its collection
 * credentials (the gateway's domain as the user name), and the sender accounts of a gateway
 * (addresses in its domain, each with a password).
 */
@Stateless
public class SenderAccounts {

    @EJB
    AuditLog audit;

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @EJB
    GatewayService gateways;

    /** The addresses with a sender account in a gateway's domain, sorted. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> addresses(String domain) {
        return em.createNamedQuery("SenderAccount.ofDomain", String.class)
                .setParameter("domain", gateways.get(domain).getDomain()).getResultList();
    }

    /** Creates or changes the account of {@code address} in the gateway's domain; true when it is new. */
    public boolean set(String domain, String address, String password) {
        String d = gateways.get(domain).getDomain();
        String a = address(address, d);
        if (password == null || password.length() < 12) {
            throw ServiceException.invalid("password", "a sender account's password needs at least 12 characters");
        }
        SenderAccount account = em.find(SenderAccount.class, a);
        audit.operator(d, AuditEvent.Action.CHANGED, "sender account " + a + (account == null ? " created" : ": new password"));
        if (account == null) {
            em.persist(new SenderAccount(a, d, Passwords.hash(password)));
            return true;
        }
        account.password(Passwords.hash(password));
        return false;
    }

    /** Removes the account of {@code address}; false when there is none. */
    public boolean remove(String domain, String address) {
        String d = gateways.get(domain).getDomain();
        SenderAccount account = em.find(SenderAccount.class, address(address, d));
        if (account == null) {
            return false;
        }
        em.remove(account);
        audit.operator(d, AuditEvent.Action.CHANGED, "sender account " + address(address, d) + " removed");
        return true;
    }

    /**
     * The identity {@code user} logs in as with {@code password}: a sender account's address, or
     * a gateway's domain when the password is its collection password; empty when neither.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> login(String user, String password) {
        String u = user.strip().toLowerCase(Locale.ROOT);
        if (u.contains("@")) {
            SenderAccount account = em.find(SenderAccount.class, u);
            return account != null && Passwords.matches(password, account.passwordHash()) ? Optional.of(u)
                    : Optional.empty();
        }
        return gateways.find(u).filter(g -> g.collection().passwordHash() != null
                && Passwords.matches(password, g.collection().passwordHash())).map(Gateway::getDomain);
    }

    /** A deleted gateway's sender accounts go with it (in the deleting transaction). */
    public void deleted(@Observes GatewayDeleted event) {
        em.createNamedQuery("SenderAccount.removeDomain").setParameter("domain", event.domain()).executeUpdate();
    }

    private static String address(String address, String domain) {
        return MailboxParser.parseMailbox(address == null ? "" : address.strip())
                .filter(a -> !a.isAddressLiteral() && !a.hasRoutingCharacters() && a.domainKey().equals(domain))
                .map(EmailAddress::toString).map(s -> s.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ServiceException.invalid("address", "'" + address + "' is not an address in " + domain));
    }
}
