package org.mxgate.gateway;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A list of addresses with {@code *} standing for any characters, in either part
 * ({@code *@spam.example}, {@code *@*.spam.example}, {@code abuse@*}, {@code bob@example.com}),
 * as a gateway's sender and recipient rules keep them: lower case, comma-separated. Matching
 * ignores case.
 */
public final class AddressGlobs {

    private static final Pattern ENTRY = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9*.-]{1,255}");

    private AddressGlobs() {
    }

    /**
     * {@code list} (comma- or space-separated) as stored; an entry that is not an address
     * pattern is refused, named in the exception.
     */
    static String normalize(String list) {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : list.strip().toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            String entry = e.startsWith("<") && e.endsWith(">") ? e.substring(1, e.length() - 1) : e;
            if (entry.isEmpty()) {
                continue;
            }
            if (!ENTRY.matcher(entry).matches()) {
                throw new IllegalArgumentException("'" + e + "' is not an address or a pattern such as *@example.com");
            }
            entries.add(entry);
        }
        return String.join(",", entries);
    }

    static List<String> entries(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    /** Whether {@code address} (any case; null: the null sender, which no entry matches) is on {@code stored}. */
    static boolean matches(String stored, String address) {
        if (address == null || stored == null || stored.isEmpty()) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        for (String entry : entries(stored)) {
            if (glob(entry, a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} is {@code pattern} with each {@code *} standing for any characters. */
    static boolean glob(String pattern, String text) {
        List<String> parts = new ArrayList<>(List.of(pattern.split("\\*", -1)));
        if (parts.size() == 1) {
            return pattern.equals(text);
        }
        int at = 0;
        String first = parts.get(0);
        if (!text.startsWith(first)) {
            return false;
        }
        at = first.length();
        String last = parts.get(parts.size() - 1);
        for (String middle : parts.subList(1, parts.size() - 1)) {
            int found = text.indexOf(middle, at);
            if (found < 0) {
                return false;
            }
            at = found + middle.length();
        }
        return text.length() - last.length() >= at && text.endsWith(last);
    }
}
