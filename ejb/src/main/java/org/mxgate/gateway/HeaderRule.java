package org.mxgate.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mxgate.admin.ServiceException;

/**
 * One of a gateway's header rules: when a value of header field {@code field} contains a match of
 * {@code pattern} (a Java regular expression; {@code (?i)} for any case), the message is refused
 * ({@code REFUSE}) or kept in the quarantine ({@code QUARANTINE}). Stored one per line as
 * {@code ACTION field pattern}.
 */
public record HeaderRule(String field, Pattern pattern, String action) {

    /** A rule as an operator submits it, unchecked. */
    public record Spec(String field, String pattern, String action) {
    }

    static final int MAX_RULES = 20;
    static final int MAX_PATTERN = 200;

    /** Whether {@code values} (those of {@link #field}) hold a match. */
    public boolean matchesAny(List<String> values) {
        for (String v : values) {
            if (pattern.matcher(v).find()) {
                return true;
            }
        }
        return false;
    }

    public boolean quarantines() {
        return action.equals("QUARANTINE");
    }

    /** How the rule is named in replies and logs: {@code Subject ~ pattern}. */
    public String name() {
        return field + " ~ " + pattern.pattern();
    }

    /** The rules checked and stored; a bad one is refused naming its number. */
    static String store(List<Spec> specs) {
        if (specs.size() > MAX_RULES) {
            throw ServiceException.invalid("headerRules", "at most " + MAX_RULES + " header rules");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            String where = "headerRules[" + i + "]: ";
            if (s == null || s.field() == null || !s.field().strip().matches("[!-9;-~]{1,76}")) {
                throw ServiceException.invalid("headerRules", where + "field is a header field name such as Subject");
            }
            String action = s.action() == null ? "" : s.action().strip().toUpperCase(Locale.ROOT);
            if (!action.equals("REFUSE") && !action.equals("QUARANTINE")) {
                throw ServiceException.invalid("headerRules", where + "action is REFUSE or QUARANTINE");
            }
            if (s.pattern() == null || s.pattern().isEmpty() || s.pattern().length() > MAX_PATTERN
                    || s.pattern().matches("(?s).*[\\r\\n].*")) {
                throw ServiceException.invalid("headerRules", where + "pattern is 1 to " + MAX_PATTERN + " characters on one line");
            }
            try {
                Pattern.compile(s.pattern());
            } catch (PatternSyntaxException e) {
                throw ServiceException.invalid("headerRules", where + "pattern is not a regular expression: "
                        + e.getDescription());
            }
            lines.add(action + " " + s.field().strip() + " " + s.pattern());
        }
        return String.join("\n", lines);
    }

    /** The rules as stored (null: none). */
    static List<HeaderRule> read(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        List<HeaderRule> rules = new ArrayList<>();
        for (String line : stored.split("\n")) {
            String[] parts = line.split(" ", 3);
            rules.add(new HeaderRule(parts[1], Pattern.compile(parts[2]), parts[0]));
        }
        return rules;
    }
}
