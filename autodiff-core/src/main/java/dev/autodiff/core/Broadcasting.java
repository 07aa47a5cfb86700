package dev.autodiff.core;

/** Shape arithmetic for NumPy broadcasting: shapes align on the right, and a dimension of 1 stretches. */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * The shape two operands broadcast to.
     *
     * @throws ShapeMismatchException   naming {@code op} and both shapes if they do not broadcast
     * @throws IllegalArgumentException naming {@code op} if the broadcast shape has more elements than a tensor holds
     */
    static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dim(a, i - rank + a.length), db = dim(b, i - rank + b.length);
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(op, "dimension " + i + " of the broadcast shape: " + da + " != " + db
                        + " (shapes align on the right; a dimension must match or be 1)", a, b);
            }
            out[i] = da == 1 ? db : da;
        }
        Tensor.sizeOf(op, out);
        return out;
    }

    /** Whether two shapes broadcast together: aligned on the right, each pair of dimensions equal or one of them 1. */
    static boolean compatible(int[] a, int[] b) {
        for (int i = 1; i <= Math.min(a.length, b.length); i++) {
            int da = a[a.length - i], db = b[b.length - i];
            if (da != db && da != 1 && db != 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code from} broadcasts to exactly {@code to}. */
    static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int i = 0; i < from.length; i++) {
            int d = from[from.length - 1 - i], t = to[to.length - 1 - i];
            if (d != t && d != 1) {
                return false;
            }
        }
        return true;
    }

    private static int dim(int[] shape, int i) {
        return i < 0 ? 1 : shape[i];
    }

    /**
     * For every element of a tensor of shape {@code out}, the flat index of the element of a tensor of shape
     * {@code in} (which broadcasts to {@code out}) that it reads.
     */
    static int[] indexMap(int[] in, int[] out) {
        int size = Tensor.sizeOf(out);
        int[] map = new int[size];
        int rank = out.length;
        int[] inStride = new int[rank]; // stride in `in` of each output dimension; 0 where broadcast
        int stride = 1;
        for (int i = in.length - 1, j = rank - 1; j >= 0; i--, j--) {
            int d = i >= 0 ? in[i] : 1;
            inStride[j] = d == 1 ? 0 : stride;
            stride *= d;
        }
        int[] counter = new int[rank];
        int index = 0;
        for (int k = 0; k < size; k++) {
            map[k] = index;
            for (int j = rank - 1; j >= 0; j--) { // odometer step
                counter[j]++;
                index += inStride[j];
                if (counter[j] < out[j]) {
                    break;
                }
                index -= inStride[j] * out[j];
                counter[j] = 0;
            }
        }
        return map;
    }
}
