package org.mxgate.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SpamAssassin's spamd, asked {@code SYMBOLS} in the SPAMC/1.5 protocol: the message follows a
 * {@code Content-length} header; spamd answers {@code SPAMD/1.1 0 EX_OK}, a {@code Spam: True ;
 * 6.2 / 5.0} header and the names of the rules that hit. Only the score and the rules are used:
 * what a score means (tag, refuse) is each gateway's setting. A message over {@code maxSize} is
 * not sent (spamd is slow on big messages, and spam is small).
 */
public final class Spamd {

    static final String NAME = "spamd";
    private static final int MAX_REPLY = 64 * 1024;
    private static final Pattern STATUS = Pattern.compile("SPAMD/\\d+\\.\\d+ (\\d+) (.*)");
    private static final Pattern SPAM = Pattern.compile(
            "Spam: *(True|False|Yes|No) *; *(-?\\d+(?:\\.\\d+)?) */ *(-?\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);

    private final ScannerCall call;
    private final long maxSize;

    public Spamd(ScannerAddress address, Duration timeout, long maxSize, int connections) {
        this.call = new ScannerCall(NAME, address, timeout, connections);
        this.maxSize = maxSize;
    }

    public ScannerAddress address() {
        return call.address();
    }

    /** How it has been doing since the start. */
    public ScannerHealth.State health() {
        return call.health().state();
    }

    /** Scores the {@code size} octets of {@code message}. Never throws: a failure is a result. */
    public ScanResult check(InputStream message, long size) {
        if (size > maxSize) {
            return ScanResult.skipped(NAME, "message of " + size + " octets is over the spam scan limit of " + maxSize);
        }
        return call.run(c -> {
            OutputStream out = c.out();
            out.write(("SYMBOLS SPAMC/1.5\r\nContent-length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            message.transferTo(out);
            out.flush();
            return interpret(readAll(c.in()));
        });
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (reply.size() + n > MAX_REPLY) {
                throw new IOException("reply longer than " + MAX_REPLY + " octets");
            }
            reply.write(buffer, 0, n);
        }
        return reply.toString(StandardCharsets.UTF_8);
    }

    /** What a reply to SYMBOLS means. */
    static ScanResult interpret(String reply) {
        int headerEnd = reply.indexOf("\r\n\r\n");
        String head = headerEnd < 0 ? reply : reply.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : reply.substring(headerEnd + 4).strip();
        String[] lines = head.split("\r\n");
        Matcher status = STATUS.matcher(lines[0].strip());
        if (!status.matches()) {
            return ScanResult.failed(NAME, "spamd answered: " + Clamd.printable(lines[0]));
        }
        if (!status.group(1).equals("0")) {
            return ScanResult.failed(NAME, "spamd answered " + status.group(1) + " " + Clamd.printable(status.group(2)));
        }
        for (String line : lines) {
            Matcher spam = SPAM.matcher(line.strip());
            if (spam.matches()) {
                List<String> rules = new ArrayList<>();
                for (String rule : body.split("[,\\s]+")) {
                    if (rule.matches("[A-Za-z0-9_]{1,64}")) {
                        rules.add(rule.toUpperCase(Locale.ROOT));
                    }
                }
                return ScanResult.scored(NAME, Double.parseDouble(spam.group(2)), rules);
            }
        }
        return ScanResult.failed(NAME, "spamd answered without a Spam header: " + Clamd.printable(head));
    }
}
