package org.mxgate.dequeue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One POP3 session (RFC 1939, with CAPA, UIDL and TOP, RFC 2449): AUTHORIZATION by USER and PASS,
 * TRANSACTION on the locked maildrop, and the UPDATE state on QUIT only; a session that ends any
 * other way removes nothing. Plaintext passwords are taken only where {@code plaintextAllowed}
 * says (the listener allows them on loopback) and after STLS (RFC 2595), offered where mxgate has a
 * certificate.
 */
public final class Pop3Session {

    private static final int MAX_FAILED_LOGINS = 3;

    private final Pop3Maildrop maildrop;
    private final String client;
    private final String hostname;
    private final boolean plaintextWithoutTls;
    private final StartTls tls;
    private LineChannel channel;

    private String user;
    private Pop3Maildrop.Opened opened;
    private List<Pop3Maildrop.Message> messages = List.of();
    private final Set<Integer> deleted = new LinkedHashSet<>();
    private int failedLogins;

    /**
     * @param plaintextAllowed whether USER/PASS is taken without TLS
     * @param tls the STLS upgrade, or null where mxgate has no certificate (STLS is not offered)
     */
    public Pop3Session(Pop3Maildrop maildrop, String client, boolean plaintextAllowed, String hostname, StartTls tls) {
        this.maildrop = maildrop;
        this.client = client;
        this.plaintextWithoutTls = plaintextAllowed;
        this.hostname = hostname;
        this.tls = tls;
    }

    /** Runs the session on a connection until QUIT, a read error or too many failed logins. */
    public void run(InputStream in, OutputStream out) throws IOException {
        channel = new LineChannel(in, out, plaintextWithoutTls, tls);
        boolean quit = false;
        try {
            send("+OK " + hostname + " POP3 server (mxgate) ready");
            String line;
            while ((line = channel.read()) != null) {
                int space = line.indexOf(' ');
                String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                String arg = space < 0 ? "" : line.substring(space + 1);
                if (verb.equals("QUIT")) {
                    quit = true;
                    if (opened != null) {
                        opened.commit(deletedUids());
                        opened = null;
                    }
                    send("+OK " + hostname + " POP3 server signing off");
                    return;
                }
                if (verb.equals("STLS") && opened == null && channel.tlsOffered()) {
                    // RFC 2595 §4: TLS, then the AUTHORIZATION state afresh, plaintext passwords allowed
                    send("+OK begin TLS negotiation");
                    channel.startTls();
                    user = null;
                    continue;
                }
                if (!(opened == null ? authorization(verb, arg) : transaction(verb, arg))) {
                    return;
                }
            }
        } finally {
            if (!quit && opened != null) {
                opened.abandon();
            }
            channel.flush();
        }
    }

    /** One command before login; false ends the session. */
    private boolean authorization(String verb, String arg) throws IOException {
        switch (verb) {
            case "CAPA" -> send("+OK capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\n"
                    + (channel.tlsOffered() ? "STLS\r\n" : "") + (channel.plaintextAllowed() ? "USER\r\n" : "")
                    + "IMPLEMENTATION mxgate\r\n.");
            case "STLS" -> send(channel.isSecure() ? "-ERR TLS is already on" : "-ERR STLS is not offered here");
            case "USER" -> {
                if (!channel.plaintextAllowed()) {
                    send("-ERR [AUTH] plaintext login is only allowed over TLS" + (channel.tlsAvailable() ? " (STLS first)" : ""));
                } else if (arg.isBlank()) {
                    send("-ERR USER needs a name (the gateway's domain)");
                } else {
                    user = arg.strip();
                    send("+OK send PASS");
                }
            }
            case "PASS" -> {
                if (user == null) {
                    send("-ERR USER first");
                    return true;
                }
                Optional<Pop3Maildrop.Opened> drop = maildrop.open(user, arg, client);
                user = null;
                if (drop.isEmpty()) {
                    send("-ERR [AUTH] invalid login");
                    return ++failedLogins < MAX_FAILED_LOGINS;
                }
                opened = drop.get();
                messages = opened.messages();
                send("+OK maildrop has " + messages.size() + " message(s) (" + total() + " octets)");
            }
            default -> send("-ERR command not valid before login: " + printable(verb));
        }
        return true;
    }

    /** One command on the open maildrop; false ends the session. */
    private boolean transaction(String verb, String arg) throws IOException {
        switch (verb) {
            case "STAT" -> send("+OK " + (messages.size() - deleted.size()) + " " + total());
            case "LIST", "UIDL" -> {
                boolean uidl = verb.equals("UIDL");
                if (!arg.isBlank()) {
                    Integer n = number(arg);
                    if (n != null) {
                        Pop3Maildrop.Message m = messages.get(n - 1);
                        send("+OK " + n + " " + (uidl ? m.uid() : m.size()));
                    }
                    return true;
                }
                StringBuilder b = new StringBuilder("+OK\r\n");
                for (int i = 0; i < messages.size(); i++) {
                    if (!deleted.contains(i + 1)) {
                        b.append(i + 1).append(' ').append(uidl ? messages.get(i).uid() : messages.get(i).size())
                                .append("\r\n");
                    }
                }
                send(b.append('.').toString());
            }
            case "RETR", "TOP" -> {
                String[] args = arg.strip().split(" +");
                Integer n = number(args[0]);
                if (n == null) {
                    return true;
                }
                int lines = -1;
                if (verb.equals("TOP")) {
                    if (args.length != 2 || !args[1].matches("\\d{1,9}")) {
                        send("-ERR TOP needs a message number and a line count");
                        return true;
                    }
                    lines = Integer.parseInt(args[1]);
                }
                Optional<byte[]> content = opened.content(messages.get(n - 1).uid());
                if (content.isEmpty()) {
                    send("-ERR message " + n + " is no longer there");
                    return true;
                }
                channel.out().write(("+OK " + messages.get(n - 1).size() + " octets\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                writeStuffed(channel.out(), content.get(), lines);
                channel.flush();
            }
            case "DELE" -> {
                Integer n = number(arg);
                if (n != null) {
                    deleted.add(n);
                    send("+OK message " + n + " deleted");
                }
            }
            case "RSET" -> {
                deleted.clear();
                send("+OK");
            }
            case "NOOP" -> send("+OK");
            case "CAPA" -> send("+OK capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\n"
                    + "IMPLEMENTATION mxgate\r\n.");
            default -> send("-ERR unknown command " + printable(verb));
        }
        return true;
    }

    /** A message number that exists and is not deleted, or null after telling the client why not. */
    private Integer number(String arg) throws IOException {
        String a = arg.strip();
        if (!a.matches("\\d{1,9}")) {
            send("-ERR a message number is needed");
            return null;
        }
        int n = Integer.parseInt(a);
        if (n < 1 || n > messages.size()) {
            send("-ERR no such message");
            return null;
        }
        if (deleted.contains(n)) {
            send("-ERR message " + n + " already deleted");
            return null;
        }
        return n;
    }

    private long total() {
        long sum = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted.contains(i + 1)) {
                sum += messages.get(i).size();
            }
        }
        return sum;
    }

    private List<String> deletedUids() {
        List<String> uids = new ArrayList<>();
        deleted.forEach(n -> uids.add(messages.get(n - 1).uid()));
        return uids;
    }

    /** The message dot-stuffed, the header and {@code lines} body lines (all when negative), then the dot. */
    static void writeStuffed(OutputStream out, byte[] message, int lines) throws IOException {
        boolean lineStart = true;
        boolean inBody = false;
        int bodyLines = 0;
        int previous = -1;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart) {
                if (inBody && lines >= 0 && bodyLines++ >= lines) {
                    break;
                }
                if (b == '.') {
                    out.write('.');
                }
            }
            out.write(b);
            if (b == '\n') {
                if (!inBody && previous == '\r' && i >= 3 && message[i - 2] == '\n') {
                    inBody = true;
                }
                lineStart = true;
            } else {
                lineStart = false;
            }
            previous = b;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void send(String text) throws IOException {
        channel.send(text);
    }

    private static String printable(String s) {
        return Lines.printable(s);
    }
}
