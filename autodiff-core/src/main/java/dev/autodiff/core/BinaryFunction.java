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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return null;
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            return null;
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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return null;
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            return null;
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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return b;
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return o.div(1.0, b);
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            return o.neg(o.div(f, b));
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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return o.mul(b, o.zip(POW, a, o.sub(b, 1.0)));
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            T d = o.mul(f, o.map(UnaryFunction.LOG, a));
            // 0 where f is 0 for every nearby b (f = 0 with a >= 0), where d is 0 ln 0 or 0 ln(+infinity) = NaN
            return o.where(f, v -> v == 0.0, o.where(a, v -> v >= 0.0, o.constant(0.0), d), d);
        }
    },
    /**
     * The two-argument arc tangent atan2(a, b) as {@link Math#atan2}: the angle of the point (x, y) = (b, a).
     * df/da = b/(a^2 + b^2), df/db = -a/(a^2 + b^2), computed from the ratio of the smaller to the larger coordinate,
     * so that they neither overflow nor lose their limit 0 at infinity. At the origin, where atan2 is discontinuous,
     * and at (+-infinity, +-infinity), where the direction is undefined, both are NaN.
     */
    ATAN2("atan2") {
        @Override
        public double value(double a, double b) {
            return Math.atan2(a, b);
        }

        @Override
        public double partialA(double a, double b, double f) {
            if (Math.abs(b) >= Math.abs(a)) {
                double t = a / b;
                return quotient(1.0, b, 1.0 + t * t);
            }
            double t = b / a;
            return quotient(t, a, 1.0 + t * t);
        }

        @Override
        public double partialB(double a, double b, double f) {
            if (Math.abs(b) >= Math.abs(a)) {
                double t = a / b;
                return quotient(-t, b, 1.0 + t * t);
            }
            double t = b / a;
            return quotient(-1.0, a, 1.0 + t * t);
        }

        /**
         * n / (u s) for s in [1, 2]: divided twice where |u| &gt;= 1, so that u s does not overflow for |u| near the
         * largest double (where the quotient is subnormal, not 0), and once below, where 1/u could overflow.
         */
        private double quotient(double n, double u, double s) {
            return Math.abs(u) >= 1.0 ? n / u / s : n / (u * s);
        }

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            T r = o.zip(HYPOT, a, b);                               // b / r^2 as (b / r) / r: no overflow
            return atInfinity(o, a, b, r, this::partialA, o.div(o.div(b, r), r));
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            T r = o.zip(HYPOT, a, b);
            return atInfinity(o, a, b, r, this::partialB, o.neg(o.div(o.div(a, r), r)));
        }

        /**
         * The written partial, except where r = hypot(a, b) is infinite: there it is inf/inf (or overflowed to 0),
         * and the partial is the numeric one, its limit, locally constant.
         */
        private <T> T atInfinity(Algebra<T> o, T a, T b, T r, Partial numeric, T written) {
            return o.where(r, v -> v == Double.POSITIVE_INFINITY,
                    o.constantOf(a, b, (u, v) -> numeric.of(u, v, value(u, v))), written);
        }
    },
    /**
     * The Euclidean norm of (a, b) without overflow, as {@link Math#hypot}: f = sqrt(a^2 + b^2); df/da = a/f,
     * df/db = b/f, computed from the ratio of the smaller to the larger magnitude so that they tend to +-1 and 0 when
     * one coordinate is infinite. At (0, 0), a cone point, both partials are 0 (the smallest subgradient, as for
     * {@link UnaryFunction#ABS}); at (+-infinity, +-infinity), or with a NaN coordinate, they are NaN (even where
     * {@code Math.hypot} returns infinity).
     */
    HYPOT("hypot") {
        @Override
        public double value(double a, double b) {
            return Math.hypot(a, b);
        }

        @Override
        public double partialA(double a, double b, double f) {
            return f == 0.0 ? 0.0 : Math.abs(a) >= Math.abs(b) ? major(a, b) : minor(a, b);
        }

        @Override
        public double partialB(double a, double b, double f) {
            return f == 0.0 ? 0.0 : Math.abs(b) >= Math.abs(a) ? major(b, a) : minor(b, a);
        }

        /** d hypot / d u where |u| &gt;= |v|: sign(u)/sqrt(1 + (v/u)^2). */
        private double major(double u, double v) {
            double t = v / u;
            return Math.copySign(1.0, u) / Math.sqrt(1.0 + t * t);
        }

        /** d hypot / d u where |u| &lt; |v|: (u/v) sign(v)/sqrt(1 + (u/v)^2). */
        private double minor(double u, double v) {
            double t = u / v;
            return t * Math.copySign(1.0, v) / Math.sqrt(1.0 + t * t);
        }

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return atLimits(o, a, b, f, this::partialA, o.div(a, f));
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            return atLimits(o, a, b, f, this::partialB, o.div(b, f));
        }

        /**
         * The written partial, except at the origin (0/0) and where f is infinite (inf/inf, or 0 where f overflowed):
         * there the partial is the numeric one, locally constant (0 at the cone point, +-1 or 0 at an infinite
         * coordinate).
         */
        private <T> T atLimits(Algebra<T> o, T a, T b, T f, Partial numeric, T written) {
            return o.where(f, r -> r == 0.0 || r == Double.POSITIVE_INFINITY,
                    o.constantOf(a, b, (u, v) -> numeric.of(u, v, value(u, v))), written);
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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return null;
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            return null;
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

        @Override
        <T> T partialNodeA(Algebra<T> o, T a, T b, T f) {
            return null;
        }

        @Override
        <T> T partialNodeB(Algebra<T> o, T a, T b, T f) {
            return null;
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

    /**
     * df/da written with the engine's own operations, so that a recorded sweep can differentiate it again; null where
     * it is locally constant (f piecewise linear in a), whose numeric value is then exact at every order.
     *
     * @param o the operations, over scalars or tensors
     * @param a the first argument, a node or a constant
     * @param b the second argument, a node or a constant
     * @param f f(a, b), a node
     * @return df/da as a node, or null
     */
    abstract <T> T partialNodeA(Algebra<T> o, T a, T b, T f);

    /** df/db written with the engine's own operations, as {@link #partialNodeA}; null where locally constant. */
    abstract <T> T partialNodeB(Algebra<T> o, T a, T b, T f);

    /** A numeric partial, {@link #partialA} or {@link #partialB}. */
    private interface Partial {
        double of(double a, double b, double f);
    }
}
