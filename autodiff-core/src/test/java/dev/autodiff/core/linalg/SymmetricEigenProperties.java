package dev.autodiff.core.linalg;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.autodiff.core.linalg.TestMatrices.EPS;
import static dev.autodiff.core.linalg.TestMatrices.dot;
import static dev.autodiff.core.linalg.TestMatrices.frobenius;
import static dev.autodiff.core.linalg.TestMatrices.multiply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SymmetricEigen} on random symmetric matrices of order 1 to 12, generated from a seed that jqwik reports on
 * failure. Tolerances follow from backward stability: 4 n eps ||A||_F for residuals, traces and eigenvalues (whose
 * error Weyl's inequality bounds by the backward error), 4 n eps for orthonormality; the largest observed ratio to
 * n eps ||A||_F is below 1.
 */
class SymmetricEigenProperties {

    @Property(tries = 300)
    void decomposes(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = -3, max = 3) int exponent,
                    @ForAll long seed) {
        double[][] a = TestMatrices.randomSymmetric(n, Math.pow(10, exponent), seed);
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] lambda = e.values();
        double tolerance = 4 * n * EPS * frobenius(a);
        for (int i = 0; i < n; i++) {
            double[] v = e.vector(i);
            double[] av = multiply(a, v);
            double residual = 0;
            for (int k = 0; k < n; k++) {
                residual += (av[k] - lambda[i] * v[k]) * (av[k] - lambda[i] * v[k]);
            }
            assertTrue(Math.sqrt(residual) <= tolerance, "||A v - lambda v|| = " + Math.sqrt(residual) + " for "
                    + "eigenvalue " + i + ", tolerance " + tolerance);
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1.0 : 0.0, dot(v, e.vector(j)), 4 * n * EPS, "v_" + i + " . v_" + j);
            }
            assertArrayEquals(v, SymmetricEigenTest.column(e.vectors(), i), 0.0, "column " + i + " of V");
            if (i > 0) {
                assertTrue(lambda[i - 1] <= lambda[i], "ascending: " + Arrays.toString(lambda));
            }
        }
        assertEquals(TestMatrices.trace(a), Arrays.stream(lambda).sum(), tolerance, "trace");
        assertTrue(e.sweeps() <= 12, e.sweeps() + " sweeps");
    }

    /**
     * Q diag(d) Q^T gives back d, sorted. Half the spectra are drawn from a few integers, so that eigenvalues
     * repeat.
     */
    @Property(tries = 300)
    void recoversAKnownSpectrum(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean repeated = random.nextBoolean();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = repeated ? random.nextInt(-2, 3) : 10 * (2 * random.nextDouble() - 1);
        }
        double[][] a = TestMatrices.withSpectrum(TestMatrices.randomOrthogonal(n, random.nextLong()), d);
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, SymmetricEigen.of(a).values(), 4 * n * EPS * frobenius(a),
                "spectrum " + Arrays.toString(sorted));
    }
}
