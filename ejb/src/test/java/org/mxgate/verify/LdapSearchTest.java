package org.mxgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.RecipientVerification;
import org.mxgate.gateway.VerificationSpec;

/** LDAP verification against a real directory server (UnboundID's, in memory, on a loopback port). */
class LdapSearchTest {

    private InMemoryDirectoryServer directory;

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=test");
        config.addAdditionalBindCredentials("cn=mxgate", "bind-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        // anonymous searches are refused, as most directories do
        config.setAuthenticationRequiredOperationTypes(java.util.EnumSet.of(
                com.unboundid.ldap.sdk.OperationType.SEARCH));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=example,dc=test", "objectClass: domain", "dc: example");
        directory.add("dn: ou=people,dc=example,dc=test", "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: uid=bob,ou=people,dc=example,dc=test", "objectClass: inetOrgPerson", "uid: bob",
                "cn: Bob", "sn: B", "mail: bob@example.test");
        directory.add("dn: uid=carl,ou=people,dc=example,dc=test", "objectClass: inetOrgPerson", "uid: carl",
                "cn: Carl", "sn: C", "mail: carl@example.test", "description: smtp:sales@example.test");
        directory.startListening();
    }

    @AfterEach
    void stopDirectory() {
        directory.shutDown(true);
    }

    private RecipientVerification settings(String url, String password) {
        return RecipientVerification.none().with(new VerificationSpec("LDAP", null, null, null, null, url, null,
                "cn=mxgate", password, "ou=people,dc=example,dc=test", "(|(mail={0})(description=smtp:{0}))"));
    }

    private RecipientVerification settings(String password) {
        return settings("ldap://127.0.0.1:" + directory.getListenPort(), password);
    }

    @Test
    void anAddressIsValidWhenTheFilterFindsAnEntry() {
        assertThat(LdapSearch.search(settings("bind-secret"), "bob@example.test", Duration.ofSeconds(5)))
                .isEqualTo(Answer.VALID);
        assertThat(LdapSearch.search(settings("bind-secret"), "sales@example.test", Duration.ofSeconds(5)))
                .isEqualTo(Answer.VALID);
        assertThat(LdapSearch.search(settings("bind-secret"), "nobody@example.test", Duration.ofSeconds(5)))
                .isEqualTo(Answer.UNKNOWN);
    }

    @Test
    void theAddressIsEscapedSoItCannotChangeTheFilter() {
        // unescaped, "*)(mail=*" would make the filter match every entry
        assertThat(LdapSearch.search(settings("bind-secret"), "*)(mail=*@example.test", Duration.ofSeconds(5)))
                .isEqualTo(Answer.UNKNOWN);
        assertThat(LdapSearch.search(settings("bind-secret"), "*", Duration.ofSeconds(5))).isEqualTo(Answer.UNKNOWN);
    }

    @Test
    void aWrongPasswordOrADirectoryThatIsDownGivesNoAnswer() throws Exception {
        assertThat(LdapSearch.search(settings("wrong"), "bob@example.test", Duration.ofSeconds(5)))
                .isEqualTo(Answer.UNAVAILABLE);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(LdapSearch.search(settings("ldap://127.0.0.1:" + closed, "bind-secret"), "bob@example.test",
                Duration.ofSeconds(2))).isEqualTo(Answer.UNAVAILABLE);
    }
}
