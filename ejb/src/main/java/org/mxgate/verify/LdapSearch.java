package org.mxgate.verify;

import java.io.IOException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.logging.Logger;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import org.mxgate.gateway.RecipientVerification;

/**
 * Asks a gateway's LDAP directory whether an address exists: one search below the base with the
 * gateway's filter, the address in place of {@code {0}} (escaped by JNDI as RFC 4515 says), on a
 * connection of its own (ldap, ldaps, or ldap with StartTLS), bound as the gateway says or
 * anonymously. Any entry found means the address exists.
 */
final class LdapSearch {

    private static final Logger LOG = Logger.getLogger(LdapSearch.class.getName());

    private LdapSearch() {
    }

    static Answer search(RecipientVerification v, String address, Duration timeout) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, v.ldapUrl());
        env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(timeout.toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", Long.toString(timeout.toMillis()));
        env.put(Context.REFERRAL, "ignore");
        boolean bind = v.ldapBindDn() != null;
        if (bind && !v.ldapStartTls()) {
            credentials(env, v);
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        }
        LdapContext ctx = null;
        StartTlsResponse tls = null;
        try {
            ctx = new InitialLdapContext(env, null);
            if (v.ldapStartTls()) {
                tls = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
                tls.negotiate();
                if (bind) {
                    ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
                    ctx.addToEnvironment(Context.SECURITY_PRINCIPAL, v.ldapBindDn());
                    ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, v.ldapBindPassword());
                    ctx.reconnect(null);
                }
            }
            SearchControls controls = new SearchControls(SearchControls.SUBTREE_SCOPE, 1,
                    (int) timeout.toMillis(), new String[] {"1.1"}, false, false);
            NamingEnumeration<SearchResult> found = ctx.search(v.ldapBase(), v.ldapFilter(),
                    new Object[] {address}, controls);
            try {
                return found.hasMore() ? Answer.VALID : Answer.UNKNOWN;
            } finally {
                found.close();
            }
        } catch (javax.naming.SizeLimitExceededException e) {
            // more than one entry: it exists
            return Answer.VALID;
        } catch (javax.naming.NameNotFoundException e) {
            LOG.warning("LDAP verification at " + v.ldapUrl() + ": the base '" + v.ldapBase() + "' does not exist");
            return Answer.UNAVAILABLE;
        } catch (CommunicationException e) {
            LOG.info("LDAP verification at " + v.ldapUrl() + " failed: " + e.getMessage());
            return Answer.UNAVAILABLE;
        } catch (NamingException | IOException | RuntimeException e) {
            LOG.warning("LDAP verification at " + v.ldapUrl() + " failed: " + e);
            return Answer.UNAVAILABLE;
        } finally {
            close(tls, ctx);
        }
    }

    private static void credentials(Hashtable<String, Object> env, RecipientVerification v) {
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, v.ldapBindDn());
        env.put(Context.SECURITY_CREDENTIALS, v.ldapBindPassword());
    }

    private static void close(StartTlsResponse tls, LdapContext ctx) {
        try {
            if (tls != null) {
                tls.close();
            }
        } catch (IOException | RuntimeException e) {
            // the connection goes anyway
        }
        try {
            if (ctx != null) {
                ctx.close();
            }
        } catch (NamingException e) {
            // the connection goes anyway
        }
    }
}
