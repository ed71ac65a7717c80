package org.mxgate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The DNS as delivery needs it: MX records of a domain, addresses of a host. */
public interface MxResolver {

    MxLookup mx(String domain);

    /**
     * The host's addresses, IPv4 first; empty when the name does not exist. IP literals are
     * returned as they are.
     *
     * @throws UnknownHostException when the lookup failed for now
     */
    List<InetAddress> addresses(String host) throws UnknownHostException;
}
