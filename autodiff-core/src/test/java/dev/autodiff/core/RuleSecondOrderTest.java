package dev.autodiff.core;

import dev.autodiff.core.RuleAgreementProperties.Which;
import dev.autodiff.core.RuleSpecs.Binary;
import dev.autodiff.core.RuleSpecs.Unary;
import dev.autodiff.core.check.FiniteDifferences;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Second derivatives through the recorded rules, against central differences of the numeric first derivative, at the
 * smooth points of every row of {@link RuleSpecs} (large arguments included: tanh at 25 and 300, sigmoid at 700, elu
 * at -300). For a function of one variable, three numbers from a higher-order tape:
 *
 * <ul>
 *   <li>f'' as a Hessian entry: the recorded gradient, swept numerically (what {@link Autodiff#hessian} does);
 *   <li>f'' recorded: the recorded gradient's own recorded gradient, whose value is the recorded rule of f' applied
 *       to the recorded rule's nodes (what a third derivative or an HVP of a gradient builds on);
 *   <li>d/ds at s = 1 of the recorded df(u)/dx with u = s x + (s - 1)/2, that is f'(x) + (x + 1/2) f''(x): the
 *       recorded first derivative's value enters the second derivative, as it does in every Hessian of a
 *       composition (the offset keeps it from vanishing identically for log and log1p, which separate over a product);
 * </ul>
 *
 * <p>each over scalars and over tensors; and for a binary function its Hessian, by both operands recorded and by one
 * with the other constant. The finite differences are Richardson-extrapolated, on the numeric f' alone, so they
 * check the recorded rules against an independent computation.
 *
 * <p>The points are each entry's second-order points in {@link dev.autodiff.core.testing.FunctionSpecs}, through
 * {@link RuleSpecs}, at every fixed parametrization of an activation.
 */
class RuleSecondOrderTest {
    /**
     * Beyond the finite differences' own error estimates (16 rounding errors and twice the truncation estimate, as
     * {@link dev.autodiff.core.check.GradCheck} allows), a relative 1e-8: extrapolated differences of an f' accurate
     * to a few ulps are good to about eps/h ~ 4e-11 relative (h ~ 6e-6 max(1, |x|)), so this leaves two digits of
     * margin and still catches a recorded derivative 1e-8 off (tanh's old 1 - y^2 at |x| = 10).
     */
    private static final double RTOL = 1e-8;

    /** A point decides nothing if the finite differences' noise is over 1e-3 of the derivative: that fails too. */
    private static final double DECISIVE = 1e-3;

    private record Check(String what, double recorded, FiniteDifferences.Estimate fd) {
        /** Null if it passes; else why not. */
        String failure() {
            double noise = 16 * fd.roundoff() + 2 * fd.truncation();
            double scale = Math.max(Math.abs(recorded), Math.abs(fd.derivative()));
            if (recorded == fd.derivative()) {
                return null;                                 // exactly (a locally constant f', both 0)
            }
            if (!(noise <= DECISIVE * scale)) {
                return what + ": finite differences cannot decide (" + fd.derivative() + ", noise " + noise
                        + "); choose another point";
            }
            double allowed = RTOL * scale + noise;
            return Math.abs(recorded - fd.derivative()) <= allowed ? null : what + ": recorded " + recorded
                    + ", finite differences " + fd.derivative() + " (difference " + Math.abs(recorded - fd.derivative())
                    + ", allowed " + allowed + ")";
        }
    }

    private static FiniteDifferences.Estimate fd(ToDoubleFunction<double[]> f, double[] x, int i) {
        return FiniteDifferences.partial(f, x.clone(), i, true);
    }

    @Test
    void unarySecondDerivativesMatchFiniteDifferencesOfTheNumericFirstDerivative() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Unary spec : RuleSpecs.UNARY) {
            for (ElementwiseFunction f : spec.instances()) {
                for (double x : spec.smooth()) {
                    String at = RuleAgreementProperties.nameOf(f) + " at " + x;
                    FiniteDifferences.Estimate second = fd(v -> RuleAgreementProperties.numeric(f, v[0]),
                            new double[] {x}, 0);
                    FiniteDifferences.Estimate mixed = fd(v -> v[0] * RuleAgreementProperties.numeric(f,
                            v[0] * x + (v[0] - 1) * 0.5), new double[] {1.0}, 0);
                    List<Check> checks = new ArrayList<>();
                    try (Tape tape = Tape.openHigherOrder()) {
                        Scalar v = tape.variable(x), s = tape.variable(1.0);
                        Scalar g = tape.recordGradient(v.map(f), v)[0];
                        checks.add(new Check(at + ", f'' as a Hessian entry", tape.gradient(g, v)[0], second));
                        checks.add(new Check(at + ", f'' recorded", tape.recordGradient(g, v)[0].value(), second));
                        Scalar gs = tape.recordGradient(v.mul(s).add(s.sub(1.0).mul(0.5)).map(f), v)[0];
                        checks.add(new Check(at + ", f' + (x + 1/2) f''", tape.gradient(gs, s)[0], mixed));

                        Tensor t = tape.variable(Tensor.vector(x)), ts = tape.variable(Tensor.vector(1.0));
                        Tensor gt = tape.recordGradient(t.map(f).sum().item(), t)[0];
                        checks.add(new Check(at + ", f'' over tensors",
                                tape.gradient(gt.sum().item(), t)[0].get(0), second));
                        checks.add(new Check(at + ", f'' recorded over tensors",
                                tape.recordGradient(gt.sum().item(), t)[0].get(0), second));
                        Tensor gts = tape.recordGradient(t.mul(ts).add(ts.sub(1.0).mul(0.5)).map(f).sum().item(), t)[0];
                        checks.add(new Check(at + ", f' + (x + 1/2) f'' over tensors",
                                tape.gradient(gts.sum().item(), ts)[0].get(0), mixed));
                    }
                    for (Check c : checks) {
                        String failure = c.failure();
                        if (failure != null) {
                            failures.add(failure);
                        }
                        checked++;
                    }
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " checks failed");
    }

    @Test
    void binaryHessiansMatchFiniteDifferencesOfTheNumericPartials() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Binary spec : RuleSpecs.BINARY) {
            BinaryFunction f = spec.f();
            for (double[] p : spec.smooth()) {
                String at = f.opName() + " at (" + p[0] + ", " + p[1] + ")";
                FiniteDifferences.Estimate[][] h = new FiniteDifferences.Estimate[2][2];
                for (int i = 0; i < 2; i++) {
                    Which which = i == 0 ? Which.DA : Which.DB;
                    for (int j = 0; j < 2; j++) {
                        h[i][j] = fd(v -> RuleAgreementProperties.numeric(f, which, v[0], v[1]), p, j);
                    }
                }
                List<Check> checks = new ArrayList<>();
                try (Tape tape = Tape.openHigherOrder()) {
                    Scalar a = tape.variable(p[0]), b = tape.variable(p[1]);
                    Scalar[] g = tape.recordGradient(a.zip(f, b), a, b);
                    for (int i = 0; i < 2; i++) {
                        double[] row = tape.gradient(g[i], a, b);
                        Scalar[] recordedRow = tape.recordGradient(g[i], a, b);
                        for (int j = 0; j < 2; j++) {
                            String entry = at + ", H[" + i + "][" + j + "]";
                            checks.add(new Check(entry + " as a Hessian entry", row[j], h[i][j]));
                            checks.add(new Check(entry + " recorded", recordedRow[j].value(), h[i][j]));
                        }
                    }
                    Scalar onlyA = tape.recordGradient(a.zip(f, p[1]), a)[0];
                    checks.add(new Check(at + ", H[0][0] with b constant", tape.gradient(onlyA, a)[0], h[0][0]));
                    Scalar onlyB = tape.recordGradient(Scalar.constant(p[0]).zip(f, b), b)[0];
                    checks.add(new Check(at + ", H[1][1] with a constant", tape.gradient(onlyB, b)[0], h[1][1]));

                    Tensor ta = tape.variable(Tensor.vector(p[0])), tb = tape.variable(Tensor.vector(p[1]));
                    Tensor[] gt = tape.recordGradient(ta.zip(f, tb).sum().item(), ta, tb);
                    for (int i = 0; i < 2; i++) {
                        Tensor[] row = tape.gradient(gt[i].sum().item(), ta, tb);
                        for (int j = 0; j < 2; j++) {
                            checks.add(new Check(at + ", H[" + i + "][" + j + "] over tensors", row[j].get(0),
                                    h[i][j]));
                        }
                    }
                }
                for (Check c : checks) {
                    String failure = c.failure();
                    if (failure != null) {
                        failures.add(failure);
                    }
                    checked++;
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " checks failed");
    }
}
