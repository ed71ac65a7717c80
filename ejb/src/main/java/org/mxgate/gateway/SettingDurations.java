package org.mxgate.gateway;

import java.time.Duration;
import org.mxgate.admin.ServiceException;
import org.mxgate.config.DurationSetting;

/** Durations an operator gives a gateway (copy retention, schedule interval), checked against their range. */
final class SettingDurations {

    private SettingDurations() {
    }

    /**
     * {@code text} (4h, 36h, PT4H, ...) as ISO-8601, if it lies from {@code min} to {@code max};
     * else a refusal naming {@code field} and saying {@code range}.
     */
    static String within(String field, String text, Duration min, Duration max, String range) {
        Duration d;
        try {
            d = DurationSetting.parse(field, text);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(field, e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw ServiceException.invalid(field, range);
        }
        return d.toString();
    }
}
