package org.mxgate.policy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.Verdict;
import org.mxgate.metrics.MailMetrics;
import org.mxgate.metrics.Refusal;

/**
 * Runs every {@link MailCheck} at one SMTP stage, in their order: the first check with an opinion
 * decides (an accept skips the checks after it); when none has one, the mail is accepted. Header
 * fields of checks without an opinion are added when the mail is taken. No
 * stage opens a transaction: the checks read gateways from the {@code GatewayDirectory}, and a
 * check that writes runs its own.
 */
@Stateless
public class CheckPipeline {

    @Inject
    @Any
    Instance<MailCheck> found;

    @Inject
    SenderAuthentication senderAuthentication;

    @Inject
    MailMetrics metrics;

    /** The SMTP stages a check can look at, named as {@link MailCheck}'s methods. */
    public enum Stage { CONNECT, HELO, MAIL, RECIPIENT, DATA }

    private List<MailCheck> checks;
    private Set<Stage> stagesChecked;

    @PostConstruct
    void collect() {
        checks = found.stream().sorted(Comparator.comparingInt(MailCheck::order)).toList();
        // the beans' own classes: the instances are client proxies, which override every method
        stagesChecked = stagesOf(found.handlesStream().<Class<?>>map(h -> h.getBean().getBeanClass()).toList());
    }

    /**
     * The stages at which some check has an opinion (overrides its method); at the others every
     * verdict is an accept, so the listener need not ask.
     */
    public Set<Stage> stagesChecked() {
        return stagesChecked;
    }

    /** The stages whose {@link MailCheck} method one of {@code checkClasses} overrides. */
    static Set<Stage> stagesOf(List<Class<?>> checkClasses) {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        for (Method m : MailCheck.class.getDeclaredMethods()) {
            if (!m.isDefault()) {
                continue;
            }
            Stage stage = Stage.valueOf(m.getName().toUpperCase(Locale.ROOT));
            for (Class<?> check : checkClasses) {
                try {
                    Class<?> declaring = check.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass();
                    if (declaring != MailCheck.class) {
                        stages.add(stage);
                    }
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return stages;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict connect(String client) {
        return run(checks, c -> c.connect(client), this::counted);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict helo(String client, String heloName) {
        return run(checks, c -> c.helo(client, heloName), this::counted);
    }

    /**
     * Who may send as {@code sender}: the per-gateway "senders must authenticate" rule, which
     * needs to know whether the session logged in ({@code authenticated}, or null).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict sender(String client, EmailAddress sender, String authenticated) {
        Verdict verdict = senderAuthentication.mail(client, sender, authenticated);
        if (verdict.refuses()) {
            metrics.refused(Refusal.POLICY);
        }
        return verdict;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict mail(String client, String heloName, EmailAddress sender) {
        return run(checks, c -> c.mail(client, heloName, sender), this::counted);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return recipient(client, sender, recipient, null);
    }

    /** RCPT from a session logged in by AUTH as {@code authenticated} (null: not logged in). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient, String authenticated) {
        return run(checks, c -> c.recipient(client, sender, recipient, authenticated), this::counted);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Verdict data(Envelope envelope, ReceivedMessage message) {
        return run(checks, c -> c.data(envelope, message), this::counted);
    }

    /** The names of the checks, in the order they run (for the log at start). */
    public List<String> names() {
        return checks.stream().map(c -> c.getClass().getSimpleName().replaceAll("\\$.*", "")).toList();
    }

    /**
     * The first opinion of {@code checks} (already in order) at {@code stage}, else accept; an
     * accept carries the header fields of the checks without an opinion before it, in their order.
     */
    static Verdict run(List<MailCheck> checks, Function<MailCheck, Verdict> stage) {
        return run(checks, stage, check -> { });
    }

    /** As {@link #run(List, Function)}, telling {@code refusedBy} which check refused, if one did. */
    static Verdict run(List<MailCheck> checks, Function<MailCheck, Verdict> stage,
            java.util.function.Consumer<MailCheck> refusedBy) {
        List<String> stamped = List.of();
        for (MailCheck check : checks) {
            Verdict verdict = stage.apply(check);
            if (verdict.kind() != Verdict.Kind.NEXT) {
                if (verdict.refuses()) {
                    refusedBy.accept(check);
                }
                return verdict.after(stamped);
            }
            if (!verdict.headerFields().isEmpty()) {
                stamped = new java.util.ArrayList<>(stamped);
                stamped.addAll(verdict.headerFields());
            }
        }
        return Verdict.acceptWith(stamped);
    }

    private void counted(MailCheck refusing) {
        metrics.refused(reasonOf(refusing));
    }

    /** The reason a refusal of {@code check} is counted under. */
    static Refusal reasonOf(MailCheck check) {
        if (check instanceof RelayCheck) {
            return Refusal.RELAY;
        }
        if (check instanceof RecipientCheck) {
            return Refusal.UNKNOWN_RECIPIENT;
        }
        if (check instanceof QuotaCheck || check instanceof StorageCheck) {
            return Refusal.QUOTA;
        }
        return Refusal.POLICY;
    }
}
