package dev.autodiff.core.linalg;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.autodiff.core.linalg.TestMatrices.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Lanczos} against known spectra and {@link SymmetricEigen}. */
class LanczosTest {

    /** An operator that counts its applications. */
    static final class Counting implements LinearOperator {
        final LinearOperator inner;
        int applications;

        Counting(LinearOperator inner) {
            this.inner = inner;
        }

        @Override
        public double[] apply(double[] v) {
            applications++;
            return inner.apply(v);
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }
    }

    /**
     * Each extreme Ritz value is within its residual bound (plus rounding, n eps ||A||) of the extreme eigenvalue,
     * and on the inner side of it (interlacing).
     */
    static void assertExtremes(double min, double max, Lanczos.Result r, int n) {
        double rounding = 16 * n * EPS * Math.max(Math.abs(min), Math.abs(max));
        assertTrue(r.smallest() >= min - rounding && r.smallest() - min <= r.smallestResidual() + rounding,
                "smallest " + min + " but " + r);
        assertTrue(r.largest() <= max + rounding && max - r.largest() <= r.largestResidual() + rounding,
                "largest " + max + " but " + r);
    }

    /** A spectrum in [lo, hi] with both ends present, and the matrix Q diag(d) Q^T for a random orthogonal Q. */
    static double[][] withRandomSpectrum(double[] d, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * random.nextDouble();
        }
        d[0] = lo;
        d[d.length - 1] = hi;
        return TestMatrices.withSpectrum(TestMatrices.randomOrthogonal(d.length, random.nextLong()), d);
    }

    @Test
    void diagonalMatrix() {
        int n = 100;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (i * 37) % n - 30.5; // -30.5 .. 68.5, shuffled
        }
        Counting op = new Counting(LinearOperator.of(TestMatrices.diagonal(d)));
        Lanczos.Result r = Lanczos.extremes(op, 100, 1);
        assertTrue(r.converged(), r.toString());
        assertEquals(op.applications, r.applications());
        assertExtremes(-30.5, 68.5, r, n);
        assertEquals(-30.5, r.smallest(), 1e-9);
        assertEquals(68.5, r.largest(), 1e-9);
    }

    @Test
    void knownSpectrumOfOrder200() {
        int n = 200;
        double[] d = new double[n];
        double[][] a = withRandomSpectrum(d, -3, 5, 2024);
        Counting op = new Counting(LinearOperator.of(a));
        Lanczos.Result r = Lanczos.extremes(op, 200, 7);
        assertTrue(r.converged(), r.toString());
        assertTrue(r.applications() < n, "converged before exhausting the space: " + r);
        assertEquals(op.applications, r.applications());
        double allowed = Lanczos.DEFAULT_TOLERANCE * 5;
        assertTrue(r.smallestResidual() <= allowed && r.largestResidual() <= allowed, r.toString());
        assertExtremes(-3, 5, r, n);
    }

    @Test
    void agreesWithJacobiOnAnIndefiniteMatrix() {
        int n = 80;
        double[][] a = TestMatrices.randomSymmetric(n, 1, 99);
        double[] lambda = SymmetricEigen.of(a).values();
        assertTrue(lambda[0] < 0 && lambda[n - 1] > 0, "indefinite");
        Lanczos.Result r = Lanczos.extremes(LinearOperator.of(a), 80, 3);
        assertTrue(r.converged(), r.toString());
        assertTrue(r.smallest() < 0 && r.largest() > 0, r.toString());
        assertExtremes(lambda[0], lambda[n - 1], r, n);
    }

    @Test
    void unconvergedRitzValuesStillInterlaceAndBound() {
        int n = 200;
        double[] d = new double[n];
        double[][] a = withRandomSpectrum(d, -1, 1, 5);
        Lanczos.Result r = Lanczos.extremes(LinearOperator.of(a), 10, 8);
        assertFalse(r.converged(), r.toString());
        assertEquals(10, r.applications());
        assertTrue(r.smallestResidual() > Lanczos.DEFAULT_TOLERANCE, r.toString());
        double rounding = 16 * n * EPS;
        assertTrue(r.smallest() >= -1 - rounding && r.largest() <= 1 + rounding, "interlacing: " + r);
        // some eigenvalue (not necessarily the extreme one) lies within each residual bound
        assertTrue(nearest(d, r.smallest()) <= r.smallestResidual() + rounding, r.toString());
        assertTrue(nearest(d, r.largest()) <= r.largestResidual() + rounding, r.toString());
    }

    static double nearest(double[] d, double x) {
        return Arrays.stream(d).map(v -> Math.abs(v - x)).min().orElseThrow();
    }

    @Test
    void productOperatorOfTheSecondDifferenceMatrix() {
        // tridiag(-1, 2, -1) as a product, not a matrix: eigenvalues 2 - 2 cos(k pi / (n + 1)), k = 1..n
        int n = 60;
        LinearOperator laplacian = LinearOperator.of(n, v -> {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 2 * v[i] - (i > 0 ? v[i - 1] : 0) - (i < n - 1 ? v[i + 1] : 0);
            }
            return w;
        });
        Lanczos.Result r = Lanczos.extremes(laplacian, n, 0.0, 11);
        assertTrue(r.converged(), r.toString());
        assertExtremes(2 - 2 * Math.cos(Math.PI / (n + 1)), 2 - 2 * Math.cos(n * Math.PI / (n + 1)), r, n);
    }

    /**
     * n steps span the whole space, and with the basis kept orthonormal the last beta is at rounding level: an
     * invariant subspace, the extremes exact. A spectrum spread over 3^0 .. 3^11 with each value repeated is
     * hard: rounding excites copies of the repeated eigenvalues that the Krylov space does not contain, so the
     * iteration cannot stop after 12 steps, and without reorthogonalisation the residuals stall near 1e-6.
     */
    @Test
    void fullDimensionIsAnInvariantSubspace() {
        int n = 60;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.pow(3, i % 12);
        }
        Lanczos.Result r = Lanczos.extremes(LinearOperator.of(TestMatrices.diagonal(d)), n, 0.0, 1);
        assertTrue(r.converged(), r.toString());
        assertEquals(n, r.applications());
        assertTrue(r.smallestResidual() <= n * EPS && r.largestResidual() <= n * EPS * 177147, r.toString());
        assertEquals(1, r.smallest(), 1e-12);
        assertEquals(177147, r.largest(), 1e-9);
    }

    @Test
    void multipleOfTheIdentityIsAnInvariantSubspaceAtOnce() {
        Lanczos.Result r = Lanczos.extremes(LinearOperator.of(TestMatrices.diagonal(3, 3, 3, 3, 3, 3)), 6, 1);
        assertTrue(r.converged());
        assertEquals(1, r.applications());
        assertEquals(3, r.smallest(), 4 * EPS);
        assertEquals(3, r.largest(), 4 * EPS);
        Lanczos.Result zero = Lanczos.extremes(LinearOperator.of(new double[5][5]), 5, 1);
        assertEquals(new Lanczos.Result(0, 0, 0, 0, 1, true), zero);
    }

    @Test
    void repeatedEigenvaluesNeedOneStepPerDistinctValue() {
        // a random start has a component in each eigenspace, so the Krylov space has dimension 3
        Lanczos.Result r = Lanczos.extremes(LinearOperator.of(TestMatrices.diagonal(-1, 2, 2, 5, -1, 5, 2, 5)), 8, 4);
        assertTrue(r.converged());
        assertEquals(3, r.applications());
        assertEquals(-1, r.smallest(), 16 * EPS);
        assertEquals(5, r.largest(), 16 * 5 * EPS);
    }

    @Test
    void dimensionOneAndStepsBeyondTheDimension() {
        Lanczos.Result one = Lanczos.extremes(LinearOperator.of(new double[][] {{-4}}), 10, 0);
        assertEquals(-4, one.smallest(), 0.0);
        assertEquals(-4, one.largest(), 0.0);
        assertEquals(1, one.applications());
        assertTrue(one.converged());
        double[][] a = TestMatrices.randomSymmetric(6, 1, 6);
        double[] lambda = SymmetricEigen.of(a).values();
        Lanczos.Result r = Lanczos.extremes(LinearOperator.of(a), 1000, 0.0, 2);
        assertTrue(r.applications() <= 6, r.toString());
        assertEquals(lambda[0], r.smallest(), 64 * EPS);
        assertEquals(lambda[5], r.largest(), 64 * EPS);
    }

    @Test
    void theSeedDeterminesTheResult() {
        double[][] a = TestMatrices.randomSymmetric(40, 1, 40);
        LinearOperator op = LinearOperator.of(a);
        assertEquals(Lanczos.extremes(op, 15, 5), Lanczos.extremes(op, 15, 5));
        Lanczos.Result other = Lanczos.extremes(op, 15, 6);
        assertTrue(other.smallest() != Lanczos.extremes(op, 15, 5).smallest(), "another start, other Ritz values");
    }

    static String message(Class<? extends RuntimeException> type, LinearOperator op, int steps) {
        return assertThrows(type, () -> Lanczos.extremes(op, steps, 1)).getMessage();
    }

    @Test
    void validation() {
        SymmetricEigenTest.assertContains(message(IllegalArgumentException.class,
                LinearOperator.of(new double[0][]), 5), "lanczos: ", "dimension 0");
        LinearOperator two = LinearOperator.of(TestMatrices.diagonal(1, 2));
        SymmetricEigenTest.assertContains(message(IllegalArgumentException.class, two, 0), "lanczos: ",
                "steps must be >= 1, got 0");
        SymmetricEigenTest.assertContains(assertThrows(IllegalArgumentException.class,
                () -> Lanczos.extremes(two, 2, -1e-3, 1)).getMessage(), "lanczos: ", "tolerance", "-0.001");
        SymmetricEigenTest.assertContains(message(IllegalArgumentException.class,
                LinearOperator.of(4, v -> new double[3]), 4), "lanczos: ", "length 3", "dimension 4",
                "application 1");
        SymmetricEigenTest.assertContains(message(ArithmeticException.class, LinearOperator.of(4, v -> {
            double[] w = v.clone();
            w[2] = Double.NaN;
            return w;
        }), 4), "lanczos: ", "NaN at index 2", "application 1");
        assertThrows(NullPointerException.class, () -> Lanczos.extremes(null, 1, 1));
    }
}
