package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.mxgate.admin.ServiceException;
import org.mxgate.queue.QueueAdmin;

/**
 * {@code GET /admin/raw?id=}: a stored message as a file ({@code <id>.eml}, {@code message/rfc822}),
 * for the signed-in operator to open in a mail program; 404 once it is delivered or gone.
 */
@WebServlet("/admin/raw")
public class RawMessage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    QueueAdmin queueAdmin;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        if (id == null || !id.matches("[0-9A-Z]{1,64}")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<byte[]> content;
        try {
            queueAdmin.get(id);
            content = queueAdmin.content(id);
        } catch (ServiceException e) {
            content = Optional.empty();
        }
        if (content.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("message/rfc822");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + id + ".eml\"");
        response.setContentLength(content.get().length);
        response.getOutputStream().write(content.get());
    }
}
