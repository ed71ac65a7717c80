package org.mxgate.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads a duration the way administrators write it: ISO-8601 ({@code PT5M}, {@code P5D}), or a
 * number with an optional unit as in Postfix ({@code 300}, {@code 300s}, {@code 5m}, {@code 4h},
 * {@code 5d}; no unit means seconds).
 */
public final class DurationSetting {

    private DurationSetting() {
    }

    public static Duration parse(String key, String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
            long n = Long.parseLong(digits);
            return switch (Character.isDigit(unit) ? 's' : unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                case 'w' -> Duration.ofDays(7 * n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    key + ": '" + text + "' is not a duration (examples: 300s, 5m, 4h, 5d, PT5M)");
        }
    }
}
