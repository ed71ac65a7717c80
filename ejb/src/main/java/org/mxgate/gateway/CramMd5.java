package org.mxgate.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The secret CRAM-MD5 (RFC 2195) needs without keeping the password: the two MD5 states HMAC-MD5
 * reaches after its padded key blocks (key XOR ipad, key XOR opad), as Dovecot's CRAM-MD5 scheme
 * keeps them. From them any challenge's digest follows, the password does not; but one MD5 round
 * is quick to guess against, so it is kept only for gateways that offer ATRN, whose RFC asks for
 * CRAM-MD5. Written {@code cram-md5$<hex of both states>}.
 */
public final class CramMd5 {

    private static final String PREFIX = "cram-md5$";
    private static final int BLOCK = 64;
    private static final int[] INITIAL = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    private static final int[] SHIFTS = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
    private static final int[] SINES = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            SINES[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    private CramMd5() {
    }

    /** The stored secret for {@code password}. */
    public static String secret(String password) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        if (key.length > BLOCK) {
            key = md5(key);
        }
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        int[] states = new int[8];
        System.arraycopy(compress(INITIAL.clone(), inner, 0), 0, states, 0, 4);
        System.arraycopy(compress(INITIAL.clone(), outer, 0), 0, states, 4, 4);
        StringBuilder hex = new StringBuilder(PREFIX);
        for (int word : states) {
            hex.append(String.format("%08x", word));
        }
        return hex.toString();
    }

    /** Whether {@code digest} (hex, as the client sends it) answers {@code challenge} for this secret. */
    public static boolean matches(String secret, String challenge, String digest) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() != PREFIX.length() + 64
                || digest == null) {
            return false;
        }
        int[] inner = new int[4];
        int[] outer = new int[4];
        for (int i = 0; i < 8; i++) {
            int word = Integer.parseUnsignedInt(secret.substring(PREFIX.length() + i * 8, PREFIX.length() + i * 8 + 8), 16);
            (i < 4 ? inner : outer)[i % 4] = word;
        }
        byte[] innerDigest = finish(inner, challenge.getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(finish(outer, innerDigest));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                digest.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** MD5 of {@code data}, continuing from {@code state} after one block already hashed. */
    private static byte[] finish(int[] state, byte[] data) {
        long bits = (BLOCK + (long) data.length) * 8;
        int padded = ((data.length + 8) / BLOCK + 1) * BLOCK;
        byte[] message = new byte[padded];
        System.arraycopy(data, 0, message, 0, data.length);
        message[data.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            message[padded - 8 + i] = (byte) (bits >>> (8 * i));
        }
        int[] s = state.clone();
        for (int offset = 0; offset < padded; offset += BLOCK) {
            s = compress(s, message, offset);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) (s[i / 4] >>> (8 * (i % 4)));
        }
        return out;
    }

    /** The MD5 compression function (RFC 1321 §3.4) on one 64-byte block. */
    private static int[] compress(int[] state, byte[] block, int offset) {
        int[] x = new int[16];
        for (int i = 0; i < 16; i++) {
            int p = offset + i * 4;
            x[i] = (block[p] & 0xff) | (block[p + 1] & 0xff) << 8 | (block[p + 2] & 0xff) << 16
                    | (block[p + 3] & 0xff) << 24;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        for (int i = 0; i < 64; i++) {
            int f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            int rotated = Integer.rotateLeft(a + f + SINES[i] + x[g], SHIFTS[(i / 16) * 4 + i % 4]);
            a = d;
            d = c;
            c = b;
            b = b + rotated;
        }
        return new int[] {state[0] + a, state[1] + b, state[2] + c, state[3] + d};
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
