package dev.autodiff.nn.data;

/**
 * Seeded permutations that are the same on every JVM: SplitMix64 (Steele, Lea and Flood, 2014) drives a
 * Fisher-Yates shuffle, and bounded draws reject the biased top of the 31-bit range. Written out here rather than
 * taken from {@code java.util.random}, whose algorithms' outputs are not part of their specification.
 */
final class Shuffle {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    /** A generator for one stream: {@code domain} separates uses of one seed (batches, splits). */
    Shuffle(long seed, long domain, long index) {
        this.state = mix64(mix64(seed ^ domain) + GOLDEN_GAMMA * (index + 1));
    }

    /** SplitMix64's finaliser (Stafford's variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** @return a uniform int in [0, bound), bound &gt; 0 */
    int nextInt(int bound) {
        while (true) {
            int bits = (int) (nextLong() >>> 33);
            int r = bits % bound;
            if (bits - r + (bound - 1) >= 0) {               // not in the incomplete last block
                return r;
            }
        }
    }

    /** Shuffles {@code a} in place (Fisher-Yates, from the end). */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** @return a permutation of 0 .. n - 1 */
    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }
}
