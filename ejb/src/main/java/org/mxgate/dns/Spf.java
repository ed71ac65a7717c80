package org.mxgate.dns;

import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;

/**
 * SPF (RFC 7208) through Apache jSPF, asking the configured DNS servers: whether a client address
 * may send mail for the sender's domain (or, for the null sender, for its HELO name).
 */
public final class Spf {

    private static final Logger LOG = Logger.getLogger(Spf.class.getName());

    /**
     * What SPF said: {@code result} is one of RFC 7208's words (pass, fail, softfail, neutral,
     * none, temperror, permerror); {@code receivedSpf} the {@code Received-SPF:} value jSPF
     * writes; {@code explanation} the domain's explanation of a fail (or null).
     */
    public record Result(String result, String receivedSpf, String explanation) {
    }

    private final SPF spf;

    static {
        // jSPF logs every DNS timeout with its stack trace at WARNING; the result (temperror) is
        // stamped into the message and SpfCheck's callers log what matters
        Logger.getLogger("org.apache.james.jspf").setLevel(Level.SEVERE);
    }

    /** @param servers {@code host:port} list, as for the MX resolver; empty for the system resolvers */
    public Spf(String servers, Duration timeout) {
        DNSServiceXBillImpl dns = servers == null || servers.isBlank() ? new DNSServiceXBillImpl()
                : new DNSServiceXBillImpl(DnsJavaMxResolver.build(servers, timeout));
        dns.setTimeOut((int) timeout.toSeconds());
        // wired as SPF's own constructor does, but with the synchronous executor: the asynchronous
        // one never completes when the DNS does not answer, and the SMTP session would wait for ever
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macros = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macros);
        spf = new SPF(dns, new RFC4408SPF1Parser(new DefaultTermsFactory(wiring)), macros,
                new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        spf.setTimeOut((int) timeout.toSeconds());
    }

    /** SPF for mail from {@code sender} ("" for the null sender) sent by {@code client} that said HELO {@code helo}. */
    public Result check(String client, String sender, String helo) {
        try {
            SPFResult r = spf.checkSPF(client, sender, helo == null ? "" : helo);
            String result = r.getResult() == null ? "temperror" : r.getResult().toLowerCase(Locale.ROOT);
            return new Result(result, r.getHeaderText(), r.getExplanation());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SPF check of " + sender + " from [" + client + "] failed: " + e, e);
            return new Result("temperror", "temperror (mxgate: " + e.getClass().getSimpleName() + ")", null);
        }
    }
}
