package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * 2-d convolution (cross-correlation, as in PyTorch) of [N, C_in, H, W] inputs with square kernels:
 * y[n, o, i, j] = b[o] + sum_{c, u, v} W[o, c, u, v] x_pad[n, c, i s + u, j s + v], with zero padding p on every side
 * and stride s; the output is [N, C_out, (H + 2p - k)/s + 1, (W + 2p - k)/s + 1]. Weights are [C_out, C_in, k, k].
 *
 * <p>Computed as one gather of the input's windows (im2col, by {@link Tensor#indexSelect}) and one batched matrix
 * product, so both derivatives come from those primitives' rules, second order included.
 */
public final class Conv2d extends Module {
    private final int in, out, kernel, stride, padding;
    private final Parameter weight, bias;
    /** The im2col gather map of the last input size, with that size: one immutable pair, safe to share. */
    private volatile Im2col last = new Im2col(-1, -1, new int[0]);

    private record Im2col(int h, int w, int[] map) {
    }

    /**
     * A convolution initialised as PyTorch does by default: weights and bias uniform on +-1/sqrt(C_in k^2).
     *
     * @param in      input channels
     * @param out     output channels
     * @param kernel  the kernel's side k
     * @param stride  the stride s &gt;= 1
     * @param padding the zero padding p &gt;= 0 on each side
     * @param rng     the source of the initial weights
     */
    public Conv2d(int in, int out, int kernel, int stride, int padding, RandomGenerator rng) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: need positive channels, kernel and stride and padding >= 0,"
                    + " got in=" + in + ", out=" + out + ", kernel=" + kernel + ", stride=" + stride + ", padding="
                    + padding);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int fanIn = in * kernel * kernel;
        this.weight = register("weight", new Parameter("weight",
                Init.fanInUniform().sample(rng, fanIn, out * kernel * kernel, out, in, kernel, kernel)));
        this.bias = register("bias", new Parameter("bias", Init.fanInUniform().sample(rng, fanIn, out, out)));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] != in) {
            throw new IllegalArgumentException("Conv2d(in=" + in + "): input shape " + Arrays.toString(s)
                    + " is not [N, " + in + ", H, W]");
        }
        int n = s[0], h = s[2] + 2 * padding, w = s[3] + 2 * padding;
        if (h < kernel || w < kernel) {
            throw new IllegalArgumentException("Conv2d(kernel=" + kernel + "): the padded input " + h + " x " + w
                    + " is smaller than the kernel");
        }
        int ho = (h - kernel) / stride + 1, wo = (w - kernel) / stride + 1;
        Tensor padded = padding == 0 ? x : x.pad(0.0, new int[] {0, 0}, new int[] {0, 0},
                new int[] {padding, padding}, new int[] {padding, padding});
        int patch = in * kernel * kernel;
        Tensor columns = padded.reshape(n, in * h * w).indexSelect(1, map(h, w, ho, wo))
                .reshape(n, patch, ho * wo);                                      // [N, C k k, L]
        Tensor y = weight.tensor().reshape(out, patch).matmul(columns);            // [N, C_out, L]
        return y.add(bias.tensor().reshape(out, 1)).reshape(n, out, ho, wo);
    }

    /** For each (c, u, v) row and (i, j) column of the window matrix, the flat index into one padded image. */
    private int[] map(int h, int w, int ho, int wo) {
        Im2col cached = last;
        if (cached.h() != h || cached.w() != w) {
            int[] m = new int[in * kernel * kernel * ho * wo];
            int k = 0;
            for (int c = 0; c < in; c++) {
                for (int u = 0; u < kernel; u++) {
                    for (int v = 0; v < kernel; v++) {
                        for (int i = 0; i < ho; i++) {
                            for (int j = 0; j < wo; j++) {
                                m[k++] = c * h * w + (i * stride + u) * w + j * stride + v;
                            }
                        }
                    }
                }
            }
            cached = new Im2col(h, w, m);
            last = cached;
        }
        return cached.map();
    }

    /** @return the weights, [C_out, C_in, k, k] */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, [C_out] */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return in + ", " + out + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
