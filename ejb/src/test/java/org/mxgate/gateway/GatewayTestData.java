package org.mxgate.gateway;

/** Gateway settings built as the service builds them, for the tests of the packages above. */
public final class GatewayTestData {

    private GatewayTestData() {
    }

    /** The defaults changed by {@code spec}, checked as an operator's change is. */
    public static ContentFilter content(ContentSpec spec) {
        return ContentFilter.defaults().with(spec);
    }
}
