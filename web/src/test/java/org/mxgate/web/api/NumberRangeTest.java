package org.mxgate.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.GatewaySpec;

class NumberRangeTest {

    record Outer(String name, Integer count, Inner inner) {
    }

    record Inner(long total) {
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static String refusedField(Class<?> type, String text) {
        try {
            NumberRange.check(type, json(text), "");
        } catch (ServiceException e) {
            assertThat(e.kind()).isEqualTo(ServiceException.Kind.INVALID);
            return e.field();
        }
        return null;
    }

    @Test
    void numbersThatFitPass() {
        assertThat(refusedField(GatewaySpec.class, "{\"maxMessages\":9223372036854775807,\"forwardPort\":25,"
                + "\"maxConnections\":-2147483648,\"maxBytes\":1e3}")).isNull();
        assertThat(refusedField(Outer.class, "{\"name\":\"x\",\"count\":null,\"inner\":{\"total\":0}}")).isNull();
    }

    @Test
    void aNumberThatDoesNotFitItsFieldIsRefusedByName() {
        assertThat(refusedField(GatewaySpec.class, "{\"maxMessages\":99999999999999999999999}")).isEqualTo("maxMessages");
        assertThat(refusedField(GatewaySpec.class, "{\"maxMessages\":9223372036854775808}")).isEqualTo("maxMessages");
        assertThat(refusedField(GatewaySpec.class, "{\"forwardPort\":2147483648}")).isEqualTo("forwardPort");
        assertThat(refusedField(GatewaySpec.class, "{\"maxConnections\":2.5}")).isEqualTo("maxConnections");
        assertThat(refusedField(GatewaySpec.class, "{\"maxBytes\":1e999999999}")).as("no huge number is built")
                .isEqualTo("maxBytes");
        assertThat(refusedField(GatewaySpec.class, "{\"maxBytes\":1e-999999999}")).isEqualTo("maxBytes");
        assertThat(refusedField(Outer.class, "{\"inner\":{\"total\":1e20}}")).isEqualTo("inner.total");
    }

    @Test
    void theRefusalSaysWhatIsWrong() {
        assertThatThrownBy(() -> NumberRange.check(GatewaySpec.class, json("{\"maxMessages\":1e30}"), ""))
                .hasMessage("maxMessages is out of range (at most 9223372036854775807)");
        assertThatThrownBy(() -> NumberRange.check(GatewaySpec.class, json("{\"maxMessages\":0.5}"), ""))
                .hasMessage("maxMessages must be a whole number");
    }
}
