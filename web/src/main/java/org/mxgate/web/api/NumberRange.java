package org.mxgate.web.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.mxgate.admin.ServiceException;

/**
 * Whole-number members of a request body fit the field they fill: JSON-B would store
 * {@code 99999999999999999999999} or {@code 2.5} in a {@code Long} as some other number. A
 * number that does not fit is refused with {@code 400} naming the field, before the body is bound.
 */
@Provider
public class NumberRange implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!context.getType().isRecord() || context.getMediaType() == null
                || !context.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        JsonValue json;
        try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
            json = reader.readValue();
        } catch (JsonException e) {
            return context.proceed(); // not JSON: binding says so
        }
        check(context.getType(), json, "");
        return context.proceed();
    }

    /** Refuses the first member of {@code json} (read as {@code type}) whose number does not fit. */
    static void check(Class<?> type, JsonValue json, String prefix) {
        if (!type.isRecord() || !(json instanceof JsonObject object)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonValue member = object.get(component.getName());
            String field = prefix + component.getName();
            Class<?> t = component.getType();
            if (member instanceof JsonNumber number) {
                if (t == Long.class || t == long.class) {
                    fit(number, field, Long.MIN_VALUE, Long.MAX_VALUE);
                } else if (t == Integer.class || t == int.class) {
                    fit(number, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
            } else if (member instanceof JsonObject) {
                check(t, member, field + ".");
            }
        }
    }

    private static void fit(JsonNumber number, String field, long min, long max) {
        // Cheap whatever the exponent: the digits are those written, and no power of ten is built.
        BigDecimal decimal = number.bigDecimalValue().stripTrailingZeros();
        if (decimal.scale() > 0) {
            throw ServiceException.invalid(field, field + " must be a whole number");
        }
        if (decimal.precision() - decimal.scale() > 19) {
            throw ServiceException.invalid(field, field + " is out of range (at most " + max + ")");
        }
        BigInteger value = decimal.toBigIntegerExact();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ServiceException.invalid(field, field + " is out of range (at most " + max + ")");
        }
    }
}
