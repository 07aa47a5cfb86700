package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard: every public operation of {@link Scalar} has a row in {@link ScalarOpSpecs}, and every row an op. Each
 * overload counts apart, by its parameter types: {@code add(Scalar)} and {@code add(double)} need a row each (the
 * domains of both come from {@link dev.autodiff.core.testing.FunctionSpecs}, the second with a constant operand).
 */
class ScalarOpCoverageTest {

    /** Public methods that are not differentiable operations. */
    private static final Set<String> NOT_OPS = Set.of("static constant(double)");

    static Set<String> operationSignatures() {
        Set<String> signatures = new TreeSet<>();
        for (Method m : Scalar.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == Scalar.class) {
                String params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(","));
                String signature = (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName()
                        + "(" + params + ")";
                if (!NOT_OPS.contains(signature)) {
                    signatures.add(signature);
                }
            }
        }
        return signatures;
    }

    @Test
    void everyOperationHasASpecAndEverySpecAnOperation() {
        Set<String> ops = operationSignatures();
        Set<String> specs = ScalarOpSpecs.ALL.stream().map(ScalarOpSpecs.Spec::signature)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(ops.size() >= 40, "reflection found too few operations: " + ops);
        Set<String> unchecked = new TreeSet<>(ops);
        unchecked.removeAll(specs);
        Set<String> unknown = new TreeSet<>(specs);
        unknown.removeAll(ops);
        assertEquals(Set.of(), unchecked, "operations without a gradient-check row in ScalarOpSpecs");
        assertEquals(Set.of(), unknown, "rows in ScalarOpSpecs that name no operation");
        assertEquals(specs.size(), ScalarOpSpecs.ALL.size(), "a signature has two rows");
    }

    /** Every elementwise function is a Scalar method of the same name, and so has its row above. */
    @Test
    void everyUnaryFunctionIsAScalarOperation() {
        Set<String> ops = operationSignatures();
        for (UnaryFunction f : UnaryFunction.values()) {
            assertTrue(ops.contains(f.opName() + "()"), f + " has no Scalar method " + f.opName() + "()");
        }
    }
}
