package dev.autodiff.core;

/** Special functions that {@link Math} lacks, to about 1e-14 relative accuracy. */
final class SpecialFunctions {
    private SpecialFunctions() {
    }

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    /** The error function, erf(x) = 2/sqrt(pi) int_0^x e^(-t^2) dt. */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r = a < 2.0 ? erfSeries(a) : 1.0 - erfcContinuedFraction(a);
        return Math.copySign(r, x);
    }

    /**
     * The complementary error function, erfc(x) = 1 - erf(x), keeping its relative accuracy in the tail (erfc(10) is
     * about 2e-45, not 0).
     */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x >= 2.0) {
            return erfcContinuedFraction(x);
        }
        if (x <= -2.0) {
            return 2.0 - erfcContinuedFraction(-x);
        }
        return 1.0 - Math.copySign(erfSeries(Math.abs(x)), x);
    }

    /** erf(a) for 0 &lt;= a &lt; 2 by its Taylor series; the terms' cancellation costs at most e^4 ulps. */
    private static double erfSeries(double a) {
        double a2 = a * a, term = a, sum = a;
        for (int n = 1; n < 100; n++) {
            term *= -a2 / n;                       // (-1)^n a^(2n+1) / n!
            double t = term / (2 * n + 1);
            sum += t;
            if (Math.abs(t) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /**
     * erfc(a) for a &gt;= 2 by the continued fraction e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))),
     * evaluated by the modified Lentz method.
     */
    private static double erfcContinuedFraction(double a) {
        if (a > 27.3) {
            return 0.0;                            // below the smallest subnormal
        }
        double tiny = 1e-300;
        double f = a, c = a, d = 0.0;
        for (int n = 1; n < 500; n++) {
            double k = n / 2.0;
            d = a + k * d;
            d = d == 0.0 ? tiny : d;
            c = a + k / c;
            c = c == 0.0 ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return Math.exp(-a * a) / (Math.sqrt(Math.PI) * f);
    }
}
