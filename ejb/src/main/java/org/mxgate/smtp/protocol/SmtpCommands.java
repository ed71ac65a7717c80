package org.mxgate.smtp.protocol;

import java.util.List;
import org.mxgate.config.ServerTls;
import org.subethamail.smtp.internal.server.Command;

/** mxgate's command set, which replaces every command SubEthaSMTP registers by default. */
public final class SmtpCommands {

    private SmtpCommands() {
    }

    public static List<Command> all(SmtpLimits limits, SmtpSessions sessions, MailReceiver receiver, ServerTls tls) {
        SmtpCommand.Context c = new SmtpCommand.Context(limits, sessions, receiver, tls);
        return List.of(new HeloCommand(c), new EhloCommand(c), new MailCommand(c), new RcptCommand(c),
                new DataCommand(c), new SimpleCommands.Rset(c), new SimpleCommands.Noop(c),
                new SimpleCommands.Quit(c), new SimpleCommands.Vrfy(c), new SimpleCommands.Help(c),
                new SimpleCommands.Refused(c, "EXPN"), new SimpleCommands.Refused(c, "BDAT"),
                new AuthCommand(c), new StartTlsCommand(c),
                new EtrnCommand(c), new SimpleCommands.Refused(c, "TURN"),
                new SimpleCommands.Refused(c, "ATRN"));
    }
}
