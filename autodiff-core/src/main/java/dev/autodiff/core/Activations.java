package dev.autodiff.core;

/** The parametrized elementwise functions, with their derivatives; parameter-free ones are {@link UnaryFunction}s. */
final class Activations {
    private Activations() {
    }

    /** A parametrized elementwise function whose derivative is also written as a node, for higher orders. */
    interface Activation extends ElementwiseFunction {
        /** f' as a node, as {@link UnaryFunction#derivativeNode}; null where f' is locally constant. */
        <T> T derivativeNode(Algebra<T> o, T x, T y);
    }

    /** f = x for x &gt; 0, slope x otherwise; f' = 1 or slope (slope at the kink 0, as PyTorch). */
    record LeakyRelu(double slope) implements Activation {
        @Override
        public String opName() {
            return "leakyRelu";
        }

        @Override
        public double value(double x) {
            return x > 0.0 ? x : x * slope;
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0.0 ? 1.0 : x <= 0.0 ? slope : Double.NaN;
        }

        @Override
        public <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return null;
        }
    }

    /**
     * f = x for x &gt; 0, alpha (e^x - 1) otherwise; f' = 1 or alpha e^x (= y + alpha), alpha e^0 = alpha at the
     * kink 0, where the two sides meet for alpha = 1.
     */
    record Elu(double alpha) implements Activation {
        @Override
        public String opName() {
            return "elu";
        }

        @Override
        public double value(double x) {
            return x > 0.0 ? x : alpha * Math.expm1(x);
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0.0 ? 1.0 : x <= 0.0 ? alpha * Math.exp(x) : Double.NaN;
        }

        @Override
        public <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return o.where(x, v -> v > 0.0, o.constant(1.0), o.mul(o.map(UnaryFunction.EXP, x), alpha));
        }
    }

    /**
     * f = min(max(x, lo), hi); f' = 1 inside [lo, hi] (bounds included, as PyTorch: a subgradient that lets values
     * at a bound still learn), 0 outside; NaN for NaN.
     */
    record Clamp(double lo, double hi) implements Activation {
        @Override
        public String opName() {
            return "clamp";
        }

        @Override
        public double value(double x) {
            return x < lo ? lo : x > hi ? hi : x;
        }

        @Override
        public double derivative(double x, double y) {
            return x >= lo && x <= hi ? 1.0 : x < lo || x > hi ? 0.0 : Double.NaN;
        }

        @Override
        public <T> T derivativeNode(Algebra<T> o, T x, T y) {
            return null;
        }
    }
}
