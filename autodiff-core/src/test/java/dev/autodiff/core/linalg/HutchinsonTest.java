package dev.autodiff.core.linalg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Hutchinson}: exact where the variance is 0, and unbiased with the stated standard error otherwise. */
class HutchinsonTest {

    /** 2 sum over i != j of a_ij^2: the variance of z^T A z for a Rademacher z. */
    static double variance(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    s += a[i][j] * a[i][j];
                }
            }
        }
        return 2 * s;
    }

    @Test
    void exactForADiagonalMatrix() {
        SplittableRandom random = new SplittableRandom(3);
        double[] d = new double[50];
        double trace = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = 10 * random.nextDouble() - 3;
            trace += d[i];
        }
        LanczosTest.Counting op = new LanczosTest.Counting(LinearOperator.of(TestMatrices.diagonal(d)));
        Hutchinson.Result r = Hutchinson.trace(op, 10, 1);
        // z_i (d_i z_i) = d_i exactly for z_i = +-1, summed in the same order
        assertEquals(trace, r.estimate(), 0.0);
        assertEquals(0.0, r.standardError(), 0.0);
        assertEquals(10, r.samples());
        assertEquals(10, op.applications);
    }

    @Test
    void withinFiveStandardErrorsOfTheTrace() {
        double[][] a = TestMatrices.randomSymmetric(30, 1, 30);
        double trace = TestMatrices.trace(a);
        Hutchinson.Result r = Hutchinson.trace(LinearOperator.of(a), 2000, 17);
        assertTrue(Math.abs(r.estimate() - trace) <= 5 * r.standardError(), r + " but the trace is " + trace);
        // the sample standard error agrees with the exact one, sqrt(variance / samples), to its own precision
        // (the relative standard deviation of a sample standard deviation over 2000 samples is a few percent)
        double exact = Math.sqrt(variance(a) / 2000);
        assertEquals(exact, r.standardError(), 0.15 * exact, r.toString());
    }

    @Test
    void errorShrinksLikeOneOverTheSquareRootOfTheSamples() {
        double[][] a = TestMatrices.randomSymmetric(20, 1, 20);
        double trace = TestMatrices.trace(a);
        LinearOperator op = LinearOperator.of(a);
        double few = 0, many = 0, fewSe = 0, manySe = 0;
        int seeds = 20;
        for (int seed = 0; seed < seeds; seed++) {
            Hutchinson.Result small = Hutchinson.trace(op, 10, seed), large = Hutchinson.trace(op, 1000, seed);
            few += Math.abs(small.estimate() - trace) / seeds;
            many += Math.abs(large.estimate() - trace) / seeds;
            fewSe += small.standardError() / seeds;
            manySe += large.standardError() / seeds;
        }
        // 100 times the samples: 10 times smaller in expectation
        assertTrue(many < few / 4, "mean absolute error " + few + " with 10 samples, " + many + " with 1000");
        assertTrue(manySe > fewSe / 20 && manySe < fewSe / 5, "standard errors " + fewSe + " and " + manySe);
    }

    @Test
    void oneSampleHasNoStandardError() {
        // with every off-diagonal entry 1, z^T A z = tr A - n + (sum z_i)^2, and sum z_i has the parity of n
        int n = 7;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = i == j ? i : 1;
            }
        }
        Hutchinson.Result r = Hutchinson.trace(LinearOperator.of(a), 1, 9);
        assertTrue(Double.isNaN(r.standardError()));
        assertEquals(1, r.samples());
        double square = r.estimate() - TestMatrices.trace(a) + n;
        long root = Math.round(Math.sqrt(square));
        assertEquals(square, root * root, 0.0, r.toString());
        assertEquals(1, root % 2, r.toString());
    }

    @Test
    void seedDeterminesTheResultAndDimensionZeroIsExact() {
        LinearOperator op = LinearOperator.of(TestMatrices.randomSymmetric(10, 1, 1));
        assertEquals(Hutchinson.trace(op, 5, 42), Hutchinson.trace(op, 5, 42));
        assertTrue(Hutchinson.trace(op, 5, 42).estimate() != Hutchinson.trace(op, 5, 43).estimate());
        assertEquals(new Hutchinson.Result(0, 0, 3), Hutchinson.trace(LinearOperator.of(new double[0][]), 3, 1));
    }

    @Test
    void validation() {
        LinearOperator op = LinearOperator.of(TestMatrices.diagonal(1, 2, 3));
        SymmetricEigenTest.assertContains(assertThrows(IllegalArgumentException.class,
                () -> Hutchinson.trace(op, 0, 1)).getMessage(), "hutchinson: ", "samples must be >= 1, got 0");
        SymmetricEigenTest.assertContains(assertThrows(IllegalArgumentException.class,
                () -> Hutchinson.trace(LinearOperator.of(3, v -> new double[5]), 4, 1)).getMessage(),
                "hutchinson: ", "length 5", "dimension 3");
        SymmetricEigenTest.assertContains(assertThrows(ArithmeticException.class,
                () -> Hutchinson.trace(LinearOperator.of(3, v -> new double[] {0, 0, Double.POSITIVE_INFINITY}), 4,
                        1)).getMessage(), "hutchinson: ", "Infinity at index 2");
    }
}
