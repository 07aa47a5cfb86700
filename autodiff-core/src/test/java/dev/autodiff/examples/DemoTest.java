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
        // the second-order part: golden classifications, and iteration counts that are deterministic
        assertTrue(out.contains("x^3 at 0                   DEGENERATE"), out);
        assertTrue(out.contains("(1 - w1 w2)^2 at (0, 0)    SADDLE     eigenvalues [-2.0, 2.0]"), out);
        assertTrue(out.contains("Newton             (0.00000, 0.00000) after 1 step(s): the saddle"), out);
        assertTrue(out.contains("Newton (damped)    (1.00000, 1.00000) in     21 iterations"), out);
        assertTrue(out.contains("gradient descent   (0.999999, 0.999998) in  32076 iterations"), out);
        assertTrue(out.contains("MINIMUM at (0.500000, 0.500000), lambda = -1.000000, f = 0.500000"), out);
    }
}
