package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.Arrays;

/**
 * Max pooling of [N, C, H, W] inputs over k x k windows with stride s: the output is
 * [N, C, (H - k)/s + 1, (W - k)/s + 1]. The gradient of a window goes to its maximum, split evenly among ties (the
 * rule of {@link Tensor#max(boolean, int...)}).
 */
public final class MaxPool2d extends Module {
    private final int kernel, stride;

    /** @param kernel the window's side, also the stride (non-overlapping windows, PyTorch's default) */
    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    /**
     * @param kernel the window's side k
     * @param stride the stride s
     */
    public MaxPool2d(int kernel, int stride) {
        if (kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("MaxPool2d: need kernel > 0 and stride > 0, got " + kernel + ", "
                    + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[2] < kernel || s[3] < kernel) {
            throw new IllegalArgumentException("MaxPool2d(kernel=" + kernel + "): input shape " + Arrays.toString(s)
                    + " is not [N, C, H, W] with H, W >= " + kernel);
        }
        int n = s[0], c = s[1], h = s[2], w = s[3];
        int ho = (h - kernel) / stride + 1, wo = (w - kernel) / stride + 1;
        int[] map = new int[ho * wo * kernel * kernel];
        int k = 0;
        for (int i = 0; i < ho; i++) {
            for (int j = 0; j < wo; j++) {
                for (int u = 0; u < kernel; u++) {
                    for (int v = 0; v < kernel; v++) {
                        map[k++] = (i * stride + u) * w + j * stride + v;
                    }
                }
            }
        }
        return x.reshape(n, c, h * w).indexSelect(2, map).reshape(n, c, ho * wo, kernel * kernel)
                .max(false, 3).reshape(n, c, ho, wo);
    }

    @Override
    protected String describe() {
        return "kernel=" + kernel + ", stride=" + stride;
    }
}
