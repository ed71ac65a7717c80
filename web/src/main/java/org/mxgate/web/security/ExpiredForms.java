package org.mxgate.web.security;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A form posted without a view state this session gave out (an old tab after the session
 * ended, or a forged cross-site request: the view state is kept on the server and cannot be
 * guessed) changes nothing and gets {@code 403} with a line saying so, not an error page.
 */
@WebFilter(urlPatterns = "*.xhtml")
public class ExpiredForms extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ExpiredForms.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            if (!expired(e) || response.isCommitted()) {
                throw e;
            }
            LOG.info("form refused: no valid view state: client=[" + request.getRemoteAddr() + "] "
                    + request.getRequestURI());
            response.reset();
            SecurityHeaders.apply(request, response);
            PlainText.write(response, HttpServletResponse.SC_FORBIDDEN,
                    "This form has expired or did not come from mxgate's own page: reload the page and try again.", null);
        }
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }
}
