package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stopping and storage limits, with a gateway of its own: a stop under load is quick and tells
 * every session {@code 421}, and nothing acknowledged is lost.
 */
class StopAndStorageEndToEndIT {

    private static Mxgate mxgate;
    private static Api api;

    /**
     * Senders that send until the server goes away, and idle sessions that only wait; prints
     * {@code accepted <queue id>} per 250 and {@code idle <reply>} per idle session's last word.
     */
    private static final String LOAD = """
            import smtplib, socket, sys, threading, time
            port = int(sys.argv[1]); senders = int(sys.argv[2]); idle = int(sys.argv[3])
            lock = threading.Lock()
            def out(line):
                with lock:
                    print(line, flush=True)
            def send(n):
                try:
                    s = smtplib.SMTP('127.0.0.1', port, timeout=30)
                    s.ehlo('load.e2e.test')
                    i = 0
                    while True:
                        i += 1
                        body = 'Subject: load %d-%d\\r\\n\\r\\n' % (n, i) + ('x' * 76 + '\\r\\n') * 26
                        s.mail('load@sender.test')
                        s.rcpt('r@stop.e2e.test')
                        code, msg = s.data(body)
                        if code == 250:
                            out('accepted ' + msg.decode().split()[-1])
                        else:
                            out('refused %d' % code)
                            return
                except Exception as e:
                    out('ended ' + type(e).__name__)
            def wait_idle(n):
                c = socket.create_connection(('127.0.0.1', port), timeout=30)
                f = c.makefile('rb')
                f.readline()
                c.sendall(b'EHLO idle.e2e.test\\r\\n')
                while f.readline()[3:4] == b'-':
                    pass
                out('ready')
                out('idle ' + f.readline().decode().strip())
            ts = [threading.Thread(target=send, args=(n,)) for n in range(senders)]
            ts += [threading.Thread(target=wait_idle, args=(n,)) for n in range(idle)]
            for t in ts: t.start()
            for t in ts: t.join()
            """;

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final long MIN_FREE = 5_000_000;

    @BeforeAll
    static void start() throws Exception {
        // 13 sessions at once from one address: the load comes from the operator's own network
        mxgate = new Mxgate("stop", Ports.free()).with("MXGATE_STORAGE_MIN_FREE", String.valueOf(MIN_FREE))
                .with("MXGATE_SMTP_TRUSTED_NETWORKS", "127.0.0.1/32");
        if (ROOT) {
            // a small file system of its own, so that filling it up touches nothing else
            java.nio.file.Files.createDirectories(mxgate.dataDir);
            run("mount", "-t", "tmpfs", "-o", "size=200m,mode=0700", "tmpfs", mxgate.dataDir.toString());
        }
        mxgate.start();
        api = mxgate.api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (mxgate != null) {
            mxgate.close();
            if (ROOT) {
                run("umount", mxgate.dataDir.toString());
            }
        }
    }

    private static void run(String... command) throws Exception {
        Clients.Result r = Clients.run(List.of(command), null);
        assertThat(r.exit()).as(String.join(" ", command) + ": " + r.output()).isZero();
    }

    @Test
    void aFullFileSystemIs452AndMailIsTakenAgainOnceSpaceIsBackWithoutARestart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ROOT, "mounting a small file system needs root");
        api.createGateway("{\"domain\":\"full.e2e.test\",\"mode\":\"HOLD\"}");
        String before = queueId(send("before"));
        java.nio.file.Path filler = mxgate.dataDir.resolve("filler");
        long usable = java.nio.file.Files.getFileStore(mxgate.dataDir).getUsableSpace();
        try (var out = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(1 << 20);
            for (long left = usable - MIN_FREE / 2; left > 0; left -= block.capacity()) {
                block.clear().limit((int) Math.min(left, block.capacity()));
                out.write(block);
            }
        }
        Thread.sleep(700); // the free space is asked at most twice a second
        Clients.Result full = send("while full");
        assertThat(full.output()).contains("<** 452 4.3.1 Insufficient system storage, try again later")
                .doesNotContain("queued as");
        java.nio.file.Files.delete(filler);
        Thread.sleep(700);
        String after = queueId(send("after"));
        assertThat(storedIds("full.e2e.test")).containsExactlyInAnyOrder(before, after);
        assertThat(java.nio.file.Files.readString(mxgate.log)).contains("storage low: ").contains("storage back: ");
    }

    private static Clients.Result send(String subject) throws Exception {
        return Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "r@full.e2e.test", "--header",
                "Subject: " + subject);
    }

    private static String queueId(Clients.Result sent) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("queued as ([0-9A-Z]+)").matcher(sent.output());
        assertThat(m.find()).as(sent.output()).isTrue();
        return m.group(1);
    }

    @Test
    void sigtermUnderLoadEndsWithin10SecondsTellsEverySession421AndLosesNothing() throws Exception {
        api.createGateway("{\"domain\":\"stop.e2e.test\",\"mode\":\"HOLD\"}");
        CompletableFuture<Clients.Result> load = CompletableFuture.supplyAsync(() -> {
            try {
                return Clients.python(LOAD, String.valueOf(mxgate.smtpPort), "10", "3");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(4000); // senders at full speed, idle sessions waiting
        long start = System.nanoTime();
        mxgate.terminate();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Clients.Result result = load.get();
        List<String> lines = Arrays.asList(result.output().split("\n"));
        assertThat(took).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
        assertThat(lines.stream().filter(l -> l.startsWith("idle "))).as(result.output())
                .hasSize(3).allMatch(l -> l.equals("idle 421 4.3.2 Service shutting down, try again later"));
        Set<String> accepted = lines.stream().filter(l -> l.startsWith("accepted ")).map(l -> l.substring(9))
                .collect(Collectors.toSet());
        assertThat(accepted).as("messages accepted before the stop: " + result.output()).hasSizeGreaterThan(20);
        // each sender ended on the 421 (smtplib raises on it), none was cut off without a word
        assertThat(lines.stream().filter(l -> l.startsWith("ended ") || l.startsWith("refused ")))
                .hasSize(10).allMatch(l -> l.equals("ended SMTPServerDisconnected") || l.equals("refused 421")
                        || l.equals("ended SMTPDataError") || l.equals("ended SMTPSenderRefused")
                        || l.equals("ended SMTPRecipientsRefused"));

        mxgate.start();
        assertThat(storedIds("stop.e2e.test")).as("every 250 is kept").containsAll(accepted);
    }

    /** The ids of all of a gateway's messages, page by page. */
    private static Set<String> storedIds(String domain) throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        for (int first = 0;; first += 1000) {
            jakarta.json.JsonArray page = api.get("/api/gateways/" + domain + "/messages?first=" + first + "&max=1000")
                    .array();
            page.stream().map(JsonValue::asJsonObject).map(m -> m.getString("id")).forEach(ids::add);
            if (page.size() < 1000) {
                return ids;
            }
        }
    }
}
