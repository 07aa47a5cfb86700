package dev.autodiff.core.analysis;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorFunction;
import dev.autodiff.core.analysis.CriticalPoint.Kind;
import dev.autodiff.core.linalg.Hutchinson;
import dev.autodiff.core.linalg.Lanczos;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The golden critical points, and the large-n spectrum from Hessian-vector products. */
class CriticalPointTest {
    private static final double EPS = 1e-12;

    @Test
    void xSquaredHasAMinimumAtZero() {
        CriticalPoint p = CriticalPoint.classify(x -> x[0].square(), 0.0);
        assertEquals(Kind.MINIMUM, p.kind());
        assertArrayEquals(new double[] {2}, p.eigenvalues(), EPS);
        assertEquals(1.0, p.positiveShare());
    }

    @Test
    void xCubedAtZeroIsDegenerateNotAnExtremum() {
        CriticalPoint p = CriticalPoint.classify(x -> x[0].pow(3), 0.0);
        assertEquals(Kind.DEGENERATE, p.kind());
        assertEquals(0.0, p.gradientNorm());
        assertArrayEquals(new double[] {0}, p.eigenvalues(), EPS);
    }

    @Test
    void minusXSquaredMinusYSquaredHasAMaximum() {
        CriticalPoint p = CriticalPoint.classify(x -> x[0].square().neg().sub(x[1].square()), 0, 0);
        assertEquals(Kind.MAXIMUM, p.kind());
        assertArrayEquals(new double[] {-2, -2}, p.eigenvalues(), EPS);
        assertEquals(0.0, p.positiveShare());
    }

    @Test
    void xSquaredMinusYSquaredHasASaddle() {
        CriticalPoint p = CriticalPoint.classify(x -> x[0].square().sub(x[1].square()), 0, 0);
        assertEquals(Kind.SADDLE, p.kind());
        assertArrayEquals(new double[] {-2, 2}, p.eigenvalues(), EPS);
        assertEquals(0.5, p.positiveShare());
    }

    @Test
    void aPositiveDefiniteQuadraticHasAMinimumWithItsGradient() {
        ScalarFunction f = x -> x[0].square().add(x[0].mul(x[1])).add(x[1].square());
        CriticalPoint away = CriticalPoint.classify(f, 1.0, -3.0);
        assertArrayEquals(new double[] {2 * 1 - 3, 1 - 2 * 3}, away.gradient(), EPS);   // (2x + y, x + 2y)
        assertEquals(Kind.NOT_CRITICAL, away.kind());
        CriticalPoint p = CriticalPoint.classify(f, 0, 0);
        assertEquals(Kind.MINIMUM, p.kind());
        assertArrayEquals(new double[] {1, 3}, p.eigenvalues(), EPS);
    }

    /** W6: L(w1, w2) = (1 - w1 w2)^2 at (0, 0). */
    @Test
    void theTwoWeightLossHasASaddleAtTheOrigin() {
        CriticalPoint p = CriticalPoint.classify(w -> Scalar.constant(1).sub(w[0].mul(w[1])).square(), 0, 0);
        assertEquals(Kind.SADDLE, p.kind());
        assertArrayEquals(new double[] {0, -2}, p.hessian()[0], EPS);
        assertArrayEquals(new double[] {-2, 0}, p.hessian()[1], EPS);
        assertArrayEquals(new double[] {-2, 2}, p.eigenvalues(), EPS);
        assertEquals(1.0, p.value());
    }

    @Test
    void quarticsAreDegenerateThoughOneIsAMinimum() {
        // the second-derivative test cannot see x^4's minimum, nor tell it from x^3
        assertEquals(Kind.DEGENERATE, CriticalPoint.classify(x -> x[0].pow(4), 0.0).kind());
        // a zero eigenvalue beside eigenvalues of both signs is still a saddle
        assertEquals(Kind.SADDLE, CriticalPoint.classify(
                x -> x[0].square().sub(x[1].square()).add(x[2].pow(4)), 0, 0, 0).kind());
    }

    @Test
    void nonFiniteDerivativesAndBadTolerancesAreRefused() {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> CriticalPoint.classify(x -> x[0].sqrt(), 0.0));
        assertTrue(e.getMessage().startsWith("classify: df/dx_0 = Infinity"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CriticalPoint.classify(x -> x[0].square(), new double[] {0}, -1, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> CriticalPoint.classify(x -> Scalar.constant(0)));
    }

    /** A diagonal quadratic sum(d_i x_i^2 / 2) has Hessian diag(d): its classification follows the signs of d. */
    @Property(tries = 100)
    void diagonalQuadraticsAreClassifiedByTheirSigns(@ForAll @IntRange(min = 1, max = 6) int n,
                                                    @ForAll("signs") long bits) {
        double[] d = new double[n];
        int positive = 0;
        for (int i = 0; i < n; i++) {
            d[i] = ((bits >> i) & 1) == 1 ? 1.0 + i : -1.0 - i;
            positive += d[i] > 0 ? 1 : 0;
        }
        CriticalPoint p = CriticalPoint.classify(x -> {
            Scalar f = Scalar.constant(0);
            for (int i = 0; i < x.length; i++) {
                f = f.add(x[i].square().mul(d[i] / 2));
            }
            return f;
        }, new double[n]);
        Kind expected = positive == n ? Kind.MINIMUM : positive == 0 ? Kind.MAXIMUM : Kind.SADDLE;
        assertEquals(expected, p.kind());
        assertEquals((double) positive / n, p.positiveShare(), 0.0);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> signs() {
        return net.jqwik.api.Arbitraries.longs().between(0, 63);
    }

    /** A rotated quadratic 1/2 x^T A x: the Hessian is A, so Lanczos on HVPs finds its extreme eigenvalues. */
    @Test
    void lanczosOnHessianVectorProductsFindsTheExtremeEigenvalues() {
        int n = 40;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {                 // tridiag(-1, 2, -1) shifted by -1: eigenvalues 1 - 2cos(k pi/(n+1))
            a[i][i] = 1;
            if (i + 1 < n) {
                a[i][i + 1] = a[i + 1][i] = -1;
            }
        }
        TensorFunction f = t -> t[0].matmul(Tensor.matrix(a)).mul(t[0]).sum().mul(0.5);
        Lanczos.Result r = HessianSpectrum.extremes(f, Tensor.zeros(n), n, 3L);
        double smallest = 1 - 2 * Math.cos(Math.PI / (n + 1)), largest = 1 - 2 * Math.cos(n * Math.PI / (n + 1));
        assertEquals(smallest, r.smallest(), 1e-8);
        assertEquals(largest, r.largest(), 1e-8);
        assertTrue(r.smallest() < 0, "indefinite: a saddle");
        Hutchinson.Result trace = HessianSpectrum.trace(f, Tensor.randomNormal(1L, n), 200, 9L);
        assertEquals(n, trace.estimate(), 5 * trace.standardError());
    }

    @Property(tries = 20)
    void hutchinsonIsExactForADiagonalHessian(@ForAll @DoubleRange(min = -2, max = 2) double scale) {
        ScalarFunction f = x -> x[0].square().mul(scale).add(x[1].square().mul(3)).add(x[2].exp());
        double[] x = {0.3, -0.2, 0.5};
        Hutchinson.Result t = HessianSpectrum.trace(f, x, 4, 5L);
        assertEquals(2 * scale + 6 + Math.exp(0.5), t.estimate(), 1e-12);
    }
}
