package org.mxgate.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mxgate.mail.MailboxParser;

/**
 * A gateway's address list: whole addresses ({@code sales@example.com}) and patterns with
 * {@code *} in the local part ({@code *@example.com} takes every address, {@code team-*@example.com}
 * those starting {@code team-}). Matching ignores case. An entry without a domain is in the
 * gateway's domain.
 */
public final class AddressPatterns {

    private final Set<String> exact = new HashSet<>();
    private final List<Pattern> wildcards = new ArrayList<>();

    private AddressPatterns(List<String> entries) {
        for (String entry : entries) {
            if (entry.indexOf('*') < 0) {
                exact.add(entry);
            } else {
                StringBuilder regex = new StringBuilder();
                for (String part : entry.split("\\*", -1)) {
                    if (!regex.isEmpty()) {
                        regex.append(".*");
                    }
                    regex.append(Pattern.quote(part));
                }
                wildcards.add(Pattern.compile(regex.toString()));
            }
        }
    }

    /** The list of {@code entries}, each as {@link #normal} gives it. */
    public static AddressPatterns of(List<String> entries) {
        return new AddressPatterns(entries);
    }

    /**
     * An entry as stored: lower case, in {@code domain}; empty when it is not an address or
     * pattern in that domain ({@code *} only in the local part, no routing characters).
     */
    public static Optional<String> normal(String entry, String domain) {
        String e = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
        if (e.startsWith("<") && e.endsWith(">")) {
            e = e.substring(1, e.length() - 1);
        }
        int at = e.lastIndexOf('@');
        String local = at < 0 ? e : e.substring(0, at);
        String d = at < 0 ? domain.toLowerCase(Locale.ROOT) : e.substring(at + 1);
        if (local.isEmpty() || !d.equals(domain.toLowerCase(Locale.ROOT)) || local.length() > 64) {
            return Optional.empty();
        }
        String probe = local.replace("*", "x");
        if (MailboxParser.parseMailbox(probe + "@" + d).filter(a -> !a.hasRoutingCharacters()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + d);
    }

    /** Whether {@code address} (any case) is on the list. */
    public boolean matches(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (exact.contains(a)) {
            return true;
        }
        for (Pattern p : wildcards) {
            if (p.matcher(a).matches()) {
                return true;
            }
        }
        return false;
    }

    /** How many entries the list has. */
    public int size() {
        return exact.size() + wildcards.size();
    }
}
