package dev.autodiff.core;

/**
 * The elementwise functions of two variables, each with its two partial derivatives: the single place where their
 * mathematics is written. {@link Scalar} applies them to two values; tensors apply them element by element, with
 * broadcasting.
 *
 * <p>{@link #value(double, double)} agrees with {@link Math} and IEEE arithmetic exactly and never throws. The
 * partials receive the arguments and the value f = f(a, b), so each is written in whichever form is cheaper or more
 * accurate. Each constant's javadoc states f, both partials, and the choices at ties, kinks and domain edges.
 */
public enum BinaryFunction {
    /** f = a + b; df/da = 1, df/db = 1. */
    ADD("add") {
        @Override
        public double value(double a, double b) {
            return a + b;
        }

        @Override
        public double partialA(double a, double b, double f) {
            return 1.0;
        }

        @Override
        public double partialB(double a, double b, double f) {
            return 1.0;
        }
    },
    /** f = a - b; df/da = 1, df/db = -1. */
    SUB("sub") {
        @Override
        public double value(double a, double b) {
            return a - b;
        }

        @Override
        public double partialA(double a, double b, double f) {
            return 1.0;
        }

        @Override
        public double partialB(double a, double b, double f) {
            return -1.0;
        }
    },
    /** f = a b; df/da = b, df/db = a. */
    MUL("mul") {
        @Override
        public double value(double a, double b) {
            return a * b;
        }

        @Override
        public double partialA(double a, double b, double f) {
            return b;
        }

        @Override
        public double partialB(double a, double b, double f) {
            return a;
        }
    },
    /**
     * f = a / b; df/da = 1/b, df/db = -a/b^2, computed as -f/b so that it does not overflow before f does. At b = 0
     * the value and both partials are infinite or NaN, as IEEE division gives them.
     */
    DIV("div") {
        @Override
        public double value(double a, double b) {
            return a / b;
        }

        @Override
        public double partialA(double a, double b, double f) {
            return 1.0 / b;
        }

        @Override
        public double partialB(double a, double b, double f) {
            return -f / b;
        }
    },
    /**
     * f = a^b as {@link Math#pow}; df/da = b a^(b-1), exactly 0 when b = 0 (a^0 = 1 everywhere, even where a^(b-1)
     * is infinite); df/db = a^b ln(a). Where f is 0 for every nearby b (a = 0 with b &gt; 0, or a &gt; 0 with a^b
     * underflowed or a = +infinity with b &lt; 0) df/db = 0, not 0 * infinity. At a = 0 with b &lt;= 0, where 0^b
     * jumps, df/db is NaN. For a &lt; 0, ln(a) is NaN and so is df/db: a negative base is not differentiable in the
     * exponent (and with a non-integer exponent f itself is NaN, as {@code Math.pow} gives it).
     */
    POW("pow") {
        @Override
        public double value(double a, double b) {
            return Math.pow(a, b);
        }

        @Override
        public double partialA(double a, double b, double f) {
            return b == 0.0 ? 0.0 : b * Math.pow(a, b - 1.0);
        }

        @Override
        public double partialB(double a, double b, double f) {
            if (a == 0.0) {
                return b > 0.0 ? 0.0 : Double.NaN;
            }
            return f == 0.0 && a > 0.0 ? 0.0 : f * Math.log(a);
        }
    },
    /**
     * f = max(a, b) as {@link Math#max}; the derivative goes to the larger operand, split 1/2 each at a tie (the
     * average of the one-sided derivatives). If either operand is NaN, f and both partials are NaN.
     */
    MAXIMUM("maximum") {
        @Override
        public double value(double a, double b) {
            return Math.max(a, b);
        }

        @Override
        public double partialA(double a, double b, double f) {
            return a > b ? 1.0 : a < b ? 0.0 : a == b ? 0.5 : Double.NaN;
        }

        @Override
        public double partialB(double a, double b, double f) {
            return b > a ? 1.0 : b < a ? 0.0 : a == b ? 0.5 : Double.NaN;
        }
    },
    /**
     * f = min(a, b) as {@link Math#min}; the derivative goes to the smaller operand, split 1/2 each at a tie. If
     * either operand is NaN, f and both partials are NaN.
     */
    MINIMUM("minimum") {
        @Override
        public double value(double a, double b) {
            return Math.min(a, b);
        }

        @Override
        public double partialA(double a, double b, double f) {
            return a < b ? 1.0 : a > b ? 0.0 : a == b ? 0.5 : Double.NaN;
        }

        @Override
        public double partialB(double a, double b, double f) {
            return b < a ? 1.0 : b > a ? 0.0 : a == b ? 0.5 : Double.NaN;
        }
    };

    private final String opName;

    BinaryFunction(String opName) {
        this.opName = opName;
    }

    /** @return the operation's name as errors and graph dumps show it, e.g. {@code "maximum"} */
    public String opName() {
        return opName;
    }

    /**
     * @param a the first argument
     * @param b the second argument
     * @return f(a, b)
     */
    public abstract double value(double a, double b);

    /**
     * @param a the first argument
     * @param b the second argument
     * @param f f(a, b), as {@link #value} returns it
     * @return df/da
     */
    public abstract double partialA(double a, double b, double f);

    /**
     * @param a the first argument
     * @param b the second argument
     * @param f f(a, b), as {@link #value} returns it
     * @return df/db
     */
    public abstract double partialB(double a, double b, double f);
}
