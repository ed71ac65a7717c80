package org.mxgate.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * curl as an HTTP client, from a source address of the test's choice ({@code --interface}), so
 * that tests of per-address limits do not share an address: each response's status, headers and
 * body. Status 0 means no HTTP response (refused connection, failed handshake).
 */
final class Curl {

    private static final String END = "@@mxgate-e2e-end@@";

    record Response(int status, List<String> headers, String body) {
        /** The first value of a header, or "" when it is absent. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse("");
        }
    }

    private Curl() {
    }

    static Response one(String from, List<String> args) throws Exception {
        List<Response> all = many(from, args);
        return all.isEmpty() ? new Response(0, List.of(), "") : all.get(0);
    }

    /** One curl process; several URLs among {@code args} give one response each, in order. */
    static List<Response> many(String from, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--interface", from, "--max-time", "30",
                "-w", "\n" + END + "\n"));
        command.addAll(args);
        Clients.Result r = Clients.run(command, null);
        List<Response> responses = new ArrayList<>();
        for (String part : r.output().split("\n" + END + "\n", -1)) {
            if (!part.isBlank()) {
                parse(part).ifPresent(responses::add);
            }
        }
        return responses;
    }

    private static java.util.Optional<Response> parse(String text) {
        String rest = text;
        while (true) {
            int end = rest.indexOf("\r\n\r\n");
            if (!rest.startsWith("HTTP/") || end < 0) {
                return java.util.Optional.empty();
            }
            String[] lines = rest.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            rest = rest.substring(end + 4);
            if (status >= 200) {
                return java.util.Optional.of(new Response(status, List.of(lines).subList(1, lines.length), rest));
            }
        }
    }
}
