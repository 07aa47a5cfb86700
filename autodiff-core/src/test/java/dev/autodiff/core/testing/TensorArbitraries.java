package dev.autodiff.core.testing;

import dev.autodiff.core.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.Arrays;

/**
 * jqwik arbitraries for property tests of tensor code: shapes (size-1 and zero-size dimensions included), pairs of
 * shapes that broadcast, and tensors with values in a given domain. They shrink towards small ranks, short
 * dimensions and values near the domain's low end, so a failing property reports a minimal case.
 *
 * <pre>{@code
 * @Property
 * void myOpMatchesFiniteDifferences(@ForAll("inputs") Tensor x) {
 *     GradCheck.check(in -> myOp.apply(in[0]).sum(), x).assertPassed();
 * }
 *
 * @Provide
 * Arbitrary<Tensor> inputs() {
 *     return TensorArbitraries.tensors(TensorArbitraries.shapes(3, 4), -2, 2);
 * }
 * }</pre>
 *
 * Shipped in autodiff-core's test jar ({@code <classifier>tests</classifier>}), with {@link Expressions}.
 */
public final class TensorArbitraries {
    private TensorArbitraries() {
    }

    /**
     * Shapes of rank 0 .. maxRank with dimensions 0 .. maxDim; 1 and 0 appear often (jqwik's edge cases).
     *
     * @param maxRank the largest rank
     * @param maxDim  the longest dimension
     * @return the shapes
     */
    public static Arbitrary<int[]> shapes(int maxRank, int maxDim) {
        return Arbitraries.integers().between(0, maxDim).array(int[].class).ofMinSize(0).ofMaxSize(maxRank);
    }

    /**
     * Shapes with no zero dimension: rank 0 .. maxRank, dimensions 1 .. maxDim.
     *
     * @param maxRank the largest rank
     * @param maxDim  the longest dimension
     * @return the shapes
     */
    public static Arbitrary<int[]> nonEmptyShapes(int maxRank, int maxDim) {
        return Arbitraries.integers().between(1, maxDim).array(int[].class).ofMinSize(0).ofMaxSize(maxRank);
    }

    /**
     * Pairs of shapes that broadcast together (NumPy's rule): the second is derived from the first by dropping some
     * leading dimensions and setting some others to 1, and the two are returned in either order.
     *
     * @param maxRank the largest rank
     * @param maxDim  the longest dimension
     * @return pairs {a, b}
     */
    public static Arbitrary<int[][]> broadcastPairs(int maxRank, int maxDim) {
        return shapes(maxRank, maxDim).flatMap(full -> Combinators.combine(
                Arbitraries.integers().between(0, full.length),
                Arbitraries.of(true, false).array(boolean[].class).ofSize(full.length),
                Arbitraries.of(true, false)).as((dropped, ones, swap) -> {
                    int[] other = Arrays.copyOfRange(full, dropped, full.length);
                    for (int i = 0; i < other.length; i++) {
                        if (ones[i + dropped]) {
                            other[i] = 1;
                        }
                    }
                    return swap ? new int[][] {other, full} : new int[][] {full, other};
                }));
    }

    /**
     * Tensors of a fixed shape with values uniform in [lo, hi].
     *
     * @param shape the shape
     * @param lo    the lowest value
     * @param hi    the highest value
     * @return the tensors
     */
    public static Arbitrary<Tensor> tensors(int[] shape, double lo, double hi) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return Arbitraries.doubles().between(lo, hi).ofScale(12).array(double[].class).ofSize(size)
                .map(values -> Tensor.of(values, shape));
    }

    /**
     * Tensors of random shapes with values uniform in [lo, hi].
     *
     * @param shapes the shapes
     * @param lo     the lowest value
     * @param hi     the highest value
     * @return the tensors
     */
    public static Arbitrary<Tensor> tensors(Arbitrary<int[]> shapes, double lo, double hi) {
        return shapes.flatMap(shape -> tensors(shape, lo, hi));
    }
}
