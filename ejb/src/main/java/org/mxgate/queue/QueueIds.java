package org.mxgate.queue;

import java.security.SecureRandom;

/**
 * Queue ids: the time in milliseconds and 40 random bits, in upper-case base 32 (about 16
 * characters), so that ids sort by arrival and never repeat across instances.
 */
public final class QueueIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private QueueIds() {
    }

    public static String next() {
        return encode(System.currentTimeMillis(), 9) + encode(RANDOM.nextLong() & 0xFF_FFFF_FFFFL, 8);
    }

    private static String encode(long value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
        return new String(out);
    }
}
