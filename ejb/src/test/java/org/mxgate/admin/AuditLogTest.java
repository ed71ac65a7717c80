package org.mxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    record Spec(String domain, String forwardHost, Integer forwardPort, String password, String ldapBindPassword,
            List<String> methods) {
    }

    @Test
    void aChangeIsDescribedByWhatItSetsWithoutItsSecrets() {
        assertThat(AuditLog.describe(new Spec("a.test", null, 2525, "hunter2-hunter2", "s3cret", List.of("ETRN"))))
                .isEqualTo("domain=a.test, forwardPort=2525, password=***, ldapBindPassword=***, methods=[ETRN]")
                .doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(AuditLog.describe(new Spec(null, null, null, null, null, null))).isEqualTo("nothing");
    }
}
