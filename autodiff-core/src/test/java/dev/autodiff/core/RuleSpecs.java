package dev.autodiff.core;

import dev.autodiff.core.testing.FunctionSpecs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static dev.autodiff.core.testing.FunctionSpecs.scales;
import static dev.autodiff.core.testing.FunctionSpecs.within;

/**
 * Where each elementwise function's two derivative rules are compared: one row per {@link UnaryFunction}, per kind of
 * {@link Activations.Activation} and per {@link BinaryFunction}, with random points of its domain, the edge values it
 * needs beyond {@link #EDGES} (kinks, the ends of its domain, the arguments where a form loses its tail), and a few
 * smooth points for the second-order check. {@link RuleAgreementProperties} fails if a function has no row.
 *
 * <p>Every fact here is read from {@link FunctionSpecs}, one row per entry: the finite domain, the kinks of every
 * fixed parametrization with the singular and switch points ({@link FunctionSpecs#edgePoints}), and the second-order
 * points. What is added here is what that shipped class cannot reach: the activations' instances, built from the
 * entries' parameters by their record constructors.
 */
final class RuleSpecs {
    private RuleSpecs() {
    }

    /** Every function's rules are compared at these, every binary function's at every pair of them. */
    static final double[] EDGES = FunctionSpecs.GRID;

    /**
     * An elementwise function of one variable, or a kind of activation with its parameters.
     *
     * @param name      as reports show it
     * @param covers    the {@link UnaryFunction} constant, or the activation's class
     * @param instances fixed parametrizations, for the edge grid and the second-order check (one for a
     *                  {@link UnaryFunction})
     * @param functions random parametrizations, for the property
     * @param domain    points where f is finite, at the scales where its rules differ in form
     * @param edges     edge values of this function, beyond {@link #EDGES}
     * @param smooth    points at least a finite-difference step from any kink, where f'' is checked
     */
    record Unary(String name, Object covers, List<ElementwiseFunction> instances,
                 Arbitrary<ElementwiseFunction> functions, Arbitrary<Double> domain, double[] edges, double[] smooth) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param f      the function
     * @param domain points where f is finite
     * @param edges  edge values of this function beyond {@link #EDGES}, each paired with every value of both
     * @param smooth points (a, b) where the Hessian of f is checked
     */
    record Binary(BinaryFunction f, Arbitrary<double[]> domain, double[] edges, double[][] smooth) {
        @Override
        public String toString() {
            return f.opName();
        }
    }

    /** Any double at any scale (the rules must agree everywhere outside the allow-list, not only on the domain). */
    static Arbitrary<Double> anywhere() {
        return Arbitraries.oneOf(scales(-324, 308.25), within(-800, 800),
                Arbitraries.of(Arrays.stream(EDGES).boxed().collect(Collectors.toList())));
    }

    /**
     * The function an entry describes, with the given parameters: the {@link UnaryFunction} itself, or the
     * activation whose record takes that many parameters and has the entry's name.
     */
    static ElementwiseFunction instance(FunctionSpecs.Unary spec, double[] parameters) {
        if (spec.function() != null) {
            return spec.function();
        }
        for (Class<?> c : Activations.class.getDeclaredClasses()) {
            if (!c.isRecord() || !Activations.Activation.class.isAssignableFrom(c)
                    || c.getRecordComponents().length != parameters.length) {
                continue;
            }
            Class<?>[] types = Arrays.stream(c.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Object[] args = Arrays.stream(parameters).boxed().toArray();
            try {
                ElementwiseFunction f = (ElementwiseFunction) c.getDeclaredConstructor(types).newInstance(args);
                if (f.opName().equals(spec.name())) {
                    return f;
                }
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot build " + c.getSimpleName() + " from "
                        + Arrays.toString(parameters), e);
            }
        }
        throw new IllegalArgumentException("no activation " + spec.name() + " with " + parameters.length
                + " parameters in Activations");
    }

    private static Unary unary(FunctionSpecs.Unary spec) {
        List<ElementwiseFunction> instances = spec.parameters().stream().map(p -> instance(spec, p))
                .collect(Collectors.toList());
        Object covers = spec.function() != null ? spec.function() : instances.get(0).getClass();
        return new Unary(spec.name(), covers, List.copyOf(instances),
                spec.randomParameters().map(p -> instance(spec, p)), spec.finite(), FunctionSpecs.edgePoints(spec),
                spec.secondOrder());
    }

    static final List<Unary> UNARY = FunctionSpecs.UNARY.stream().map(RuleSpecs::unary)
            .collect(Collectors.toUnmodifiableList());

    /** Pairs anywhere, and pairs of comparable magnitude (where atan2's and hypot's two forms both matter). */
    private static Arbitrary<double[]> pairsAnywhere() {
        return Arbitraries.oneOf(FunctionSpecs.pairs(anywhere(), anywhere()),
                Combinators.combine(anywhere(), within(-10, 10)).as((u, k) -> new double[] {u, u * k}));
    }

    static final List<Binary> BINARY = FunctionSpecs.BINARY.stream()
            .map(s -> new Binary(s.function(), s.finite(), s.gridValues(), s.secondOrder()))
            .collect(Collectors.toUnmodifiableList());

    /** The random points of a binary row: its domain, and pairs anywhere. */
    static Arbitrary<double[]> binaryPoints(Binary spec) {
        return Arbitraries.oneOf(spec.domain(), pairsAnywhere());
    }

    /** The random points of a unary row: its domain, and anywhere. */
    static Arbitrary<Double> unaryPoints(Unary spec) {
        return Arbitraries.oneOf(spec.domain(), anywhere());
    }

    /** EDGES followed by a row's own edges. */
    static double[] edgesOf(double[] own) {
        double[] all = Arrays.copyOf(EDGES, EDGES.length + own.length);
        System.arraycopy(own, 0, all, EDGES.length, own.length);
        return all;
    }
}
