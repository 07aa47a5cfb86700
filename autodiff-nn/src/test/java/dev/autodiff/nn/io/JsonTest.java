package dev.autodiff.nn.io;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    static void refused(String text, String expectedInMessage) {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains(expectedInMessage),
                () -> "message \"" + e.getMessage() + "\" lacks \"" + expectedInMessage + "\"");
    }

    @Test
    void values() throws Json.ParseException {
        Object v = Json.parse(" {\"a\" : [1, -0, 2.5, 1e3, true, false, null, \"s\"], \"b\": {}, \"c\": []} \n");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b", "c"), List.copyOf(m.keySet()));
        List<?> a = (List<?>) m.get("a");
        assertEquals(BigInteger.ONE, a.get(0));
        assertEquals(BigInteger.ZERO, a.get(1));
        assertEquals(new BigDecimal("2.5"), a.get(2));
        assertEquals(new BigDecimal("1e3"), a.get(3));
        assertEquals(Boolean.TRUE, a.get(4));
        assertEquals(Boolean.FALSE, a.get(5));
        assertSame(Json.NULL, a.get(6));
        assertEquals("s", a.get(7));
        assertEquals(new BigInteger("123456789012345678901234567890"), Json.parse("123456789012345678901234567890"));
    }

    @Test
    void stringEscapes() throws Json.ParseException {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\ud83d\ude00",
                Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
        assertEquals("数字 é", Json.parse("\"数字 é\""));
        String[] strings = {"", "plain", "quote\" back\\ nl\n cr\r tab\t bell\u0007 nul\0", "数字\ud83d\ude00"};
        for (String s : strings) {
            assertEquals(s, Json.parse(Json.quote(s)));
        }
        assertEquals("\"\\u0007\"", Json.quote("\u0007"));
    }

    @Test
    void refusals() {
        refused("", "unexpected end of text");
        refused("{\"a\":1,}", "expected a string key");
        refused("[1,]", "unexpected ']', expected a value");
        refused("[1 2]", "expected ',' or ']'");
        refused("{\"a\" 1}", "expected ':'");
        refused("{\"a\":1 \"b\":2}", "expected ',' or '}'");
        refused("{\"a\":1,\"a\":2}", "duplicate key \"a\" at character 7");
        refused("01", "leading zero");
        refused("-", "in a number");
        refused("1.", "digit after '.'");
        refused("1e", "digit in the exponent");
        refused("+1", "expected a value");
        refused("NaN", "expected a value");
        refused("tru", "expected a value");
        refused("\"abc", "unterminated string");
        refused("\"a\tb\"", "unescaped control character U+0009");
        refused("\"\\x\"", "invalid escape \\x");
        refused("\"\\u12G4\"", "invalid \\u escape");
        refused("\"\\ud800\"", "unpaired surrogate");
        refused("\"\\ud800\\u0041\"", "unpaired surrogate");
        refused("\"\\udc00\"", "unpaired surrogate");
        refused("{} {}", "after the value");
        refused("[".repeat(65) + "]".repeat(65), "nested deeper than 64");
    }

    @Test
    void depthLimitAllowsSixtyFour() throws Json.ParseException {
        Json.parse("[".repeat(64) + "]".repeat(64));
    }
}
