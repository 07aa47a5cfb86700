package dev.autodiff.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoTest {
    @Test
    void demoRunsAndItsChecksPass() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("gradient check passed: 0 of 2 inputs failed"), out);
        assertTrue(out.contains("gradient check passed: 0 of 6 inputs failed"), out);
        assertTrue(out.contains("df/dx, df/dy       2.634155565563"), out);
        assertFalse(out.contains("FAILED"), out);
    }
}
