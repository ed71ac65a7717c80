package org.mxgate.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableStorageTest {

    @Test
    void theEmbeddedStoreMustBeTheConfiguredFileWhateverItsParameters() {
        assertThat(StableStorage.isExpected("jdbc:h2:/srv/mxgate/data/db/mxgate",
                "jdbc:h2:/srv/mxgate/data/db/mxgate;WRITE_DELAY=0", "H2")).isTrue();
        // Payara's own throw-away database, kept when the pre-boot setting failed
        assertThat(StableStorage.isExpected("jdbc:h2:/srv/mxgate/data/db/mxgate",
                "jdbc:h2:/tmp/payaramicro-rt1/lib/databases/embedded_default;AUTO_SERVER=TRUE", "H2")).isFalse();
        assertThat(StableStorage.isExpected("jdbc:h2:/srv/mxgate/data/db/mxgate", null, "H2")).isFalse();
    }

    @Test
    void postgresqlMustBePostgresqlAndNotAFallback() {
        assertThat(StableStorage.isExpected("jdbc:postgresql://db.example:5432/mxgate",
                "jdbc:postgresql://db.example:5432/mxgate?prepareThreshold=5", "PostgreSQL")).isTrue();
        assertThat(StableStorage.isExpected("jdbc:postgresql://db.example/mxgate",
                "jdbc:h2:/tmp/payaramicro-rt1/lib/databases/embedded_default", "H2")).isFalse();
    }
}
