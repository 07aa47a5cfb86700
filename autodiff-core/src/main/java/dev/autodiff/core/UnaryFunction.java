package dev.autodiff.core;

/**
 * The elementwise functions of one variable, each with its derivative: the single place where their mathematics is
 * written. {@link Scalar} applies them to one value; tensors apply them element by element.
 *
 * <p>{@link #value(double)} agrees with {@link Math} exactly, NaN and infinities included, and never throws.
 * {@link #derivative(double, double)} receives both the argument x and the value y = f(x), so that each derivative
 * is written in whichever is cheaper or more accurate (exp from y; sin from x). Each constant's javadoc states f,
 * f', the domain, and the choice made at kinks and at the edges of the domain.
 */
public enum UnaryFunction implements ElementwiseFunction {
    /** f = -x; f' = -1. */
    NEG("neg") {
        @Override
        public double value(double x) {
            return -x;
        }

        @Override
        public double derivative(double x, double y) {
            return -1.0;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return null;
        }
    },
    /** f = x^2; f' = 2x. */
    SQUARE("square") {
        @Override
        public double value(double x) {
            return x * x;
        }

        @Override
        public double derivative(double x, double y) {
            return 2.0 * x;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.mul(x, 2.0);
        }
    },
    /**
     * f = sqrt(x), domain x &gt;= 0; f' = 1/(2 sqrt(x)), +infinity at 0 (and at -0). For x &lt; 0 both are NaN.
     */
    SQRT("sqrt") {
        @Override
        public double value(double x) {
            return Math.sqrt(x);
        }

        @Override
        public double derivative(double x, double y) {
            return y == 0.0 ? Double.POSITIVE_INFINITY : 0.5 / y;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.div(0.5, y);
        }
    },
    /** f = cbrt(x), all reals; f' = 1/(3 cbrt(x)^2), +infinity at 0. */
    CBRT("cbrt") {
        @Override
        public double value(double x) {
            return Math.cbrt(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 / (3.0 * y * y);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.div(1.0 / 3.0, o.square(y));
        }
    },
    /** f = e^x; f' = e^x (the value, reused). Overflows to +infinity for x &gt; ~709.78. */
    EXP("exp") {
        @Override
        public double value(double x) {
            return Math.exp(x);
        }

        @Override
        public double derivative(double x, double y) {
            return y;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return y;
        }
    },
    /**
     * f = e^x - 1, accurate near 0; f' = e^x, computed directly rather than as f + 1, which would round to 0 for x
     * below about -37.
     */
    EXPM1("expm1") {
        @Override
        public double value(double x) {
            return Math.expm1(x);
        }

        @Override
        public double derivative(double x, double y) {
            return Math.exp(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.map(EXP, x);
        }
    },
    /**
     * f = ln(x), domain x &gt; 0; f' = 1/x. At x = 0 (or -0), f = -infinity and f' = +infinity; for x &lt; 0 both
     * are NaN (the formula 1/x would give a number there, so it is masked to NaN).
     */
    LOG("log") {
        @Override
        public double value(double x) {
            return Math.log(x);
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0.0 ? 1.0 / x : x == 0.0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.where(x, v -> v < 0.0, o.constant(Double.NaN), o.div(1.0, x));      // masked below 0, as above
        }
    },
    /**
     * f = ln(1 + x), accurate near 0, domain x &gt; -1; f' = 1/(1 + x). At x = -1, f = -infinity and f' = +infinity;
     * below -1 both are NaN.
     */
    LOG1P("log1p") {
        @Override
        public double value(double x) {
            return Math.log1p(x);
        }

        @Override
        public double derivative(double x, double y) {
            return x >= -1.0 ? 1.0 / (1.0 + x) : Double.NaN;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.where(x, v -> v < -1.0, o.constant(Double.NaN), o.div(1.0, o.add(x, 1.0)));   // NaN below -1
        }
    },
    /** f = sin(x); f' = cos(x). NaN at +-infinity. */
    SIN("sin") {
        @Override
        public double value(double x) {
            return Math.sin(x);
        }

        @Override
        public double derivative(double x, double y) {
            return Math.cos(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.map(COS, x);
        }
    },
    /** f = cos(x); f' = -sin(x). NaN at +-infinity. */
    COS("cos") {
        @Override
        public double value(double x) {
            return Math.cos(x);
        }

        @Override
        public double derivative(double x, double y) {
            return -Math.sin(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.neg(o.map(SIN, x));
        }
    },
    /** f = tan(x); f' = 1 + tan(x)^2 = 1/cos(x)^2, from the value. NaN at +-infinity. */
    TAN("tan") {
        @Override
        public double value(double x) {
            return Math.tan(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 + y * y;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.add(o.square(y), 1.0);
        }
    },
    /**
     * f = asin(x), domain [-1, 1]; f' = 1/sqrt(1 - x^2), computed as 1/sqrt((1 - x)(1 + x)) to keep accuracy near
     * +-1, where it is +infinity. Outside the domain both are NaN.
     */
    ASIN("asin") {
        @Override
        public double value(double x) {
            return Math.asin(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 / Math.sqrt((1.0 - x) * (1.0 + x));
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.div(1.0, o.map(SQRT, o.mul(o.sub(1.0, x), o.add(x, 1.0))));
        }
    },
    /** f = acos(x), domain [-1, 1]; f' = -1/sqrt(1 - x^2), -infinity at +-1; NaN outside. */
    ACOS("acos") {
        @Override
        public double value(double x) {
            return Math.acos(x);
        }

        @Override
        public double derivative(double x, double y) {
            return -1.0 / Math.sqrt((1.0 - x) * (1.0 + x));
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.div(-1.0, o.map(SQRT, o.mul(o.sub(1.0, x), o.add(x, 1.0))));
        }
    },
    /** f = atan(x); f' = 1/(1 + x^2), which tends to 0 at +-infinity. */
    ATAN("atan") {
        @Override
        public double value(double x) {
            return Math.atan(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 / (1.0 + x * x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.div(1.0, o.add(o.square(x), 1.0));
        }
    },
    /** f = sinh(x); f' = cosh(x). */
    SINH("sinh") {
        @Override
        public double value(double x) {
            return Math.sinh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return Math.cosh(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.map(COSH, x);
        }
    },
    /** f = cosh(x); f' = sinh(x). */
    COSH("cosh") {
        @Override
        public double value(double x) {
            return Math.cosh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return Math.sinh(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.map(SINH, x);
        }
    },
    /**
     * f = tanh(x); f' = 1 - tanh(x)^2 = 4 e / (1 + e)^2 with e = e^(-2|x|). The second form keeps the tail (about
     * 4 e^(-2|x|), down to |x| ~ 372), which 1 - f^2 would round to 0 beyond |x| ~ 19; 0 at +-infinity. The recorded
     * derivative has the same value, and the derivative of 1 - f^2.
     */
    TANH("tanh") {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            double e = Math.exp(-2.0 * Math.abs(x)), s = 1.0 + e;
            return 4.0 * e / (s * s);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            // 1 - y^2 is two cheap operations, and its derivative -2 y y' is accurate everywhere (y' is the numeric
            // rule), but its value cancels as |y| nears 1: it keeps only y's absolute accuracy, 8 digits lost at
            // |x| = 10 and 0 beyond |x| ~ 19. The constant adds back the difference from the numeric rule, so the node
            // has that rule's value and still the derivative of 1 - tanh^2, at every order, for one exp per element.
            // (sech^2 = (1/cosh)^2 is accurate too but costs a cosh and, at second order, a sinh, and the product of
            // its partials underflows beyond |x| ~ 250.)
            T d = o.sub(1.0, o.square(y));
            return o.add(d, o.constantOf(x, d, (u, v) -> derivative(u, Double.NaN) - v));
        }
    },
    /**
     * Logistic sigmoid: f = 1/(1 + e^-x); f' = f (1 - f). Both are evaluated from e = e^-|x|, which never overflows:
     * f = 1/(1 + e) for x &gt;= 0 and e/(1 + e) below, f' = e/(1 + e)^2, so the derivative keeps its tail on both
     * sides (about e^-|x|, not a rounded 0 for large positive x); 0 at +-infinity.
     */
    SIGMOID("sigmoid") {
        @Override
        public double value(double x) {
            double e = Math.exp(-Math.abs(x));
            return x >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        }

        @Override
        public double derivative(double x, double y) {
            double e = Math.exp(-Math.abs(x)), s = 1.0 + e;
            return e / (s * s);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.mul(y, o.map(SIGMOID, o.neg(x)));          // f(x) f(-x), which keeps both tails
        }
    },
    /**
     * Softplus, a smooth relu: f = ln(1 + e^x), evaluated as max(x, 0) + ln(1 + e^-|x|) so that it neither
     * overflows nor loses the tail; f' = sigmoid(x).
     */
    SOFTPLUS("softplus") {
        @Override
        public double value(double x) {
            return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
        }

        @Override
        public double derivative(double x, double y) {
            return SIGMOID.value(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.map(SIGMOID, x);
        }
    },
    /**
     * Rectified linear unit: f = max(x, 0); f' = 1 for x &gt; 0, 0 for x &lt;= 0 (the kink at 0 takes the derivative
     * 0, as PyTorch and JAX do). NaN gives NaN for both.
     */
    RELU("relu") {
        @Override
        public double value(double x) {
            return x > 0.0 ? x : x <= 0.0 ? 0.0 : x;
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0.0 ? 1.0 : x <= 0.0 ? 0.0 : Double.NaN;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return null;
        }
    },
    /**
     * Gaussian error linear unit, exact (not the tanh approximation): f = x Phi(x), with Phi the standard normal
     * distribution function, Phi(x) = erfc(-x/sqrt(2))/2; f' = Phi(x) + x phi(x), phi the normal density. f tends to
     * 0 below (f(-infinity) = 0, not -infinity * 0) and to x above; f' to 0 and 1.
     */
    GELU("gelu") {
        @Override
        public double value(double x) {
            return x == Double.NEGATIVE_INFINITY ? 0.0 : x * 0.5 * SpecialFunctions.erfc(-x / Math.sqrt(2.0));
        }

        @Override
        public double derivative(double x, double y) {
            if (Double.isInfinite(x)) {
                return x > 0 ? 1.0 : 0.0;
            }
            double phi = Math.exp(-0.5 * x * x) / Math.sqrt(2.0 * Math.PI);
            return 0.5 * SpecialFunctions.erfc(-x / Math.sqrt(2.0)) + x * phi;
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.add(o.map(NORMAL_CDF, x), o.mul(x, NORMAL_CDF.derivativeNode(o, x, null)));
        }
    },
    /**
     * The standard normal distribution function Phi(x) = erfc(-x/sqrt(2))/2, accurate to about 1e-13 relative in
     * both tails; f' = phi(x) = e^(-x^2/2)/sqrt(2 pi), the normal density. Tends to 0 and 1 at -+infinity, with f' 0.
     */
    NORMAL_CDF("normalCdf") {
        @Override
        public double value(double x) {
            return 0.5 * SpecialFunctions.erfc(-x / Math.sqrt(2.0));
        }

        @Override
        public double derivative(double x, double y) {
            return Math.exp(-0.5 * x * x) / Math.sqrt(2.0 * Math.PI);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            // the numeric rule's operations, so that the two agree to the bit: gelu' = Phi(x) + x phi(x) is a sum
            // that cancels near its zero (x ~ -0.75), where an ulp of difference in phi would be thousands of ulps
            return o.div(o.map(EXP, o.mul(o.square(x), -0.5)), o.constant(Math.sqrt(2.0 * Math.PI)));
        }
    },
    /** f = |x|; f' = sign(x), with the subgradient 0 at the kink x = 0 (and NaN for NaN). */
    ABS("abs") {
        @Override
        public double value(double x) {
            return Math.abs(x);
        }

        @Override
        public double derivative(double x, double y) {
            return Math.signum(x);
        }

        @Override
        <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return null;
        }
    };

    private final String opName;

    UnaryFunction(String opName) {
        this.opName = opName;
    }

    /** @return the operation's name as errors and graph dumps show it, e.g. {@code "sigmoid"} */
    @Override
    public String opName() {
        return opName;
    }

    /**
     * @param x the argument
     * @return f(x)
     */
    @Override
    public abstract double value(double x);

    /**
     * @param x the argument
     * @param y f(x), as {@link #value(double)} returns it
     * @return f'(x)
     */
    @Override
    public abstract double derivative(double x, double y);

    /**
     * f' written with the engine's own operations, so that a recorded sweep can differentiate it again; null where f'
     * is locally constant (f piecewise linear), whose numeric value is then exact at every order.
     *
     * @param o the operations, over scalars or tensors
     * @param x the argument, a node
     * @param y f(x), a node (or null where the rule does not use it)
     * @return f'(x) as a node, or null
     */
    abstract <T> T derivativeNode(Algebra<T> o, T x, T y);
}
