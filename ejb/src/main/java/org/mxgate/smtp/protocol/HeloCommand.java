package org.mxgate.smtp.protocol;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/** HELO: the old greeting, without extensions. */
final class HeloCommand extends SmtpCommand {

    HeloCommand(Context context) {
        super(context, "HELO", "Introduce yourself.");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!greet(argument, session, false)) {
            return;
        }
        session.sendResponse("250 " + context.limits().hostname());
    }
}
