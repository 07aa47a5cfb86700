package dev.autodiff.bench;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Activation;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Sequential;

import java.util.SplittableRandom;

/**
 * The reference workloads of WORKLOADS.md, with their deterministic inputs, written once and shared by the
 * benchmarks. Other engines run the same work, so nothing here may change the operation count.
 */
public final class Workloads {
    private Workloads() {
    }

    /** Elementary operations per Rosenbrock term, as WORKLOADS.md counts them. */
    public static final int OPS_PER_ROSENBROCK_TERM = 8;

    /**
     * The W1 input vector, x_i = 1 + 0.1 sin(i).
     *
     * @param n its length
     * @return a new vector
     */
    public static double[] vector(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1 + 0.1 * Math.sin(i);
        }
        return x;
    }

    /** @return the number of elementary operations of W1 at size n, 8 (n - 1) */
    public static long rosenbrockOps(int n) {
        return (long) OPS_PER_ROSENBROCK_TERM * (n - 1);
    }

    /**
     * W1 with plain doubles: f(x) = sum_{i=0}^{n-2} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2.
     *
     * @param x the point; not modified
     * @return f(x)
     */
    public static double rosenbrock(double[] x) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double t1 = x[i + 1] - x[i] * x[i];
            double t2 = 1 - x[i];
            f += 100 * (t1 * t1) + t2 * t2;
        }
        return f;
    }

    /**
     * W1 as a scalar graph: one node per elementary operation, 8 per term (x_i^2, x_{i+1} - that, 1 - x_i, the two
     * squares, the scaling by 100, the add of the two parts, the accumulation into f).
     *
     * @param x the variables; not modified
     * @return f(x), recorded on the variables' tape
     */
    public static Scalar rosenbrock(Scalar[] x) {
        Scalar one = Scalar.constant(1);
        Scalar f = Scalar.constant(0);
        for (int i = 0; i + 1 < x.length; i++) {
            Scalar t1 = x[i + 1].sub(x[i].square());
            Scalar t2 = one.sub(x[i]);
            f = f.add(t1.square().mul(100).add(t2.square()));
        }
        return f;
    }

    /**
     * W1 vectorised: the same sum with tensor operations, head = x[0 .. n-2], tail = x[1 .. n-1]:
     * sum(100 (tail - head^2)^2 + (1 - head)^2).
     *
     * @param x a vector of length n &gt;= 2
     * @return f(x) as a rank-0 tensor, recorded on x's tape if x is a variable
     */
    public static Tensor rosenbrock(Tensor x) {
        int n = x.size();
        Tensor head = x.slice(0, 0, n - 1), tail = x.slice(0, 1, n);
        return tail.sub(head.square()).square().mul(100).add(head.neg().add(1).square()).sum();
    }

    /**
     * W1's gradient by a hand-written adjoint: the forward terms and their reverse contributions in one loop. The
     * floor any tape is measured against.
     *
     * @param x the point; not modified
     * @param g receives the gradient; overwritten
     * @return f(x)
     */
    public static double rosenbrockAdjoint(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0.0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double t1 = x[i + 1] - x[i] * x[i];
            double t2 = 1 - x[i];
            f += 100 * (t1 * t1) + t2 * t2;
            g[i] += -400 * x[i] * t1 - 2 * t2;
            g[i + 1] += 200 * t1;
        }
        return f;
    }

    /** The MLP sizes of W2: S 2-16-16-2, M 64-128-128-10, L 784-512-512-10, and their batch sizes. */
    public enum MlpSize {
        S(32, 2, 16, 16, 2), M(64, 64, 128, 128, 10), L(128, 784, 512, 512, 10);

        /** Examples per batch. */
        public final int batch;
        /** Layer widths, input first. */
        public final int[] widths;

        MlpSize(int batch, int... widths) {
            this.batch = batch;
            this.widths = widths;
        }

        /** @return the number of weights and biases: 26 122 for M */
        public int parameters() {
            int count = 0;
            for (int i = 0; i + 1 < widths.length; i++) {
                count += (widths[i] + 1) * widths[i + 1];
            }
            return count;
        }
    }

    /**
     * The W2/W4 multilayer perceptron: dense layers with tanh between them (none after the last), weights from a
     * seeded generator.
     *
     * @param size the size
     * @param seed the seed of the weights
     * @return the model
     */
    public static Module mlp(MlpSize size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] w = size.widths;
        Module[] layers = new Module[2 * (w.length - 1) - 1];
        for (int i = 0, k = 0; i + 1 < w.length; i++) {
            layers[k++] = new Linear(w[i], w[i + 1], rng);
            if (i + 2 < w.length) {
                layers[k++] = Activation.tanh();
            }
        }
        return new Sequential(layers);
    }

    /** A seeded standard-normal input batch for an MLP size. */
    public static Tensor mlpInput(MlpSize size, long seed) {
        return Tensor.randomNormal(seed, size.batch, size.widths[0]);
    }

    /** Seeded class labels in [0, classes) for an MLP size's batch. */
    public static int[] mlpLabels(MlpSize size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int classes = size.widths[size.widths.length - 1];
        int[] labels = new int[size.batch];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return labels;
    }
}
