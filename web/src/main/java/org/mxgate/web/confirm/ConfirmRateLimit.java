package org.mxgate.web.confirm;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.mxgate.limit.RateLimit;
import org.mxgate.web.security.PlainText;

/**
 * The public confirmation page, reachable from outside, answers each client address at most
 * {@value #BURST} requests at once and then one every {@value #SECONDS_PER_REQUEST} seconds; more
 * get {@code 429} with {@code Retry-After}. A person needs two requests (the link, the button).
 */
@WebFilter(urlPatterns = "/confirm.xhtml")
public class ConfirmRateLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final int BURST = 20;
    static final int SECONDS_PER_REQUEST = 6;

    @Inject
    transient Clock clock;

    private transient RateLimit limit;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        limit = new RateLimit(BURST, Duration.ofSeconds(SECONDS_PER_REQUEST), clock);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Duration> wait = limit.take(request.getRemoteAddr());
        if (wait.isPresent()) {
            PlainText.write(response, 429, "Too many requests from your address; try again in a minute.",
                    wait.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
