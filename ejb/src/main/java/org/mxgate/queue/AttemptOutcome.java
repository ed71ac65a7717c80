package org.mxgate.queue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * What one delivery attempt came to, in Postfix's log words: some recipients still pending
 * ({@code deferred}); none pending and at least one refused for good ({@code failed}); all
 * delivered ({@code sent}). Stored and shown in lower case.
 */
public enum AttemptOutcome {
    SENT, DEFERRED, FAILED;

    /** The word stored and shown: {@code sent}, {@code deferred}, {@code failed}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores an outcome as its word (the column held these words before it was an enum). */
    @Converter
    public static class Column implements AttributeConverter<AttemptOutcome, String> {
        @Override
        public String convertToDatabaseColumn(AttemptOutcome outcome) {
            return outcome == null ? null : outcome.word();
        }

        @Override
        public AttemptOutcome convertToEntityAttribute(String word) {
            return word == null ? null : AttemptOutcome.valueOf(word.toUpperCase(Locale.ROOT));
        }
    }
}
