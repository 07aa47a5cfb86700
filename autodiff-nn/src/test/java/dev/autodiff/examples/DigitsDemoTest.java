package dev.autodiff.examples;

import dev.autodiff.nn.train.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's demo, with its seeds: the accuracies it reaches are pinned, and its gradient check passes. */
class DigitsDemoTest {
    @Test
    void theDemoReachesItsAccuracyAndItsGradientCheckPasses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DigitsDemo.Outcome o = DigitsDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.silent());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(o.mlpAccuracy() >= 0.97, out);
        assertTrue(o.cnnAccuracy() >= o.mlpAccuracy(), out);
        // same seeds, same result, bit for bit: the counts of right answers out of 359 are pinned
        assertEquals(351, Math.round(o.mlpAccuracy() * 359), out);
        assertEquals(353, Math.round(o.cnnAccuracy() * 359), out);
        assertTrue(o.check().passed(), o.check()::toString);
        assertTrue(out.contains("MLP held-out accuracy 97.77% (351 of 359)"), out);
        assertTrue(out.contains("agree with central differences"), out);
    }
}
