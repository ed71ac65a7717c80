package org.mxgate.smtp.command;

import java.io.IOException;
import org.subethamail.smtp.server.Session;

/** HELO: the old greeting, without extensions. */
final class HeloCommand extends SmtpCommand {

    HeloCommand(Context context) {
        super(context, "HELO", "Introduce yourself.");
    }

    @Override
    void run(String argument, Session session) throws IOException {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            session.sendResponse("501 5.5.4 Syntax: HELO hostname");
            return;
        }
        session.resetMailTransaction();
        state(session).greeted(name, false);
        session.setHelo(name);
        session.sendResponse("250 " + context.limits().hostname());
    }
}
