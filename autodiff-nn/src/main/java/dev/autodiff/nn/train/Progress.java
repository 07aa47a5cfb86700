package dev.autodiff.nn.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Reports a training run as it goes. {@link #to(PrintStream, boolean)} prints either one line rewritten in place
 * after every batch (for a terminal) or one line per epoch (for logs and pipes); {@link #console()} picks by whether
 * standard output is a terminal.
 */
public interface Progress {
    /** After each batch: where the run is, with the epoch's running loss and accuracy so far. */
    void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy, double examplesPerSecond,
               double secondsLeft);

    /** After each epoch. */
    void epoch(int epochs, History.Epoch e);

    /** @return a progress that prints nothing */
    static Progress silent() {
        return new Progress() {
            @Override
            public void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy,
                              double examplesPerSecond, double secondsLeft) {
            }

            @Override
            public void epoch(int epochs, History.Epoch e) {
            }
        };
    }

    /** @return {@link #to(PrintStream, boolean)} on standard output, live if it is a terminal */
    static Progress console() {
        return to(System.out, System.console() != null);
    }

    /**
     * @param out  where to print
     * @param live whether to rewrite a status line after every batch (a terminal) or print only epoch lines
     * @return the progress
     */
    static Progress to(PrintStream out, boolean live) {
        return new Progress() {
            private long lastPrint;

            @Override
            public void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy,
                              double examplesPerSecond, double secondsLeft) {
                long now = System.nanoTime();
                if (!live || (now - lastPrint < 100_000_000L && batch < batches)) {
                    return;                                        // at most ten updates a second
                }
                lastPrint = now;
                out.printf(Locale.ROOT, "\repoch %d/%d  batch %d/%d  loss %.4f%s  %.0f examples/s  %s left   ",
                        epoch, epochs, batch, batches, loss, Double.isNaN(accuracy) ? ""
                                : String.format(Locale.ROOT, "  accuracy %.2f%%", 100 * accuracy),
                        examplesPerSecond, duration(secondsLeft));
                out.flush();
            }

            @Override
            public void epoch(int epochs, History.Epoch e) {
                if (live) {
                    out.print("\r");
                }
                out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f%s%s  lr %.3g  %.2f s%s%n", e.epoch(), epochs,
                        e.trainLoss(),
                        Double.isNaN(e.trainAccuracy()) ? ""
                                : String.format(Locale.ROOT, "  accuracy %.2f%%", 100 * e.trainAccuracy()),
                        Double.isNaN(e.validationLoss()) ? ""
                                : String.format(Locale.ROOT, "  validation loss %.4f%s", e.validationLoss(),
                                Double.isNaN(e.validationAccuracy()) ? "" : String.format(Locale.ROOT,
                                        "  accuracy %.2f%%", 100 * e.validationAccuracy())),
                        e.learningRate(), e.seconds(), live ? "                    " : "");
            }
        };
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
