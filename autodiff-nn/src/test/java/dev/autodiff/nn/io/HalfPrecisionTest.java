package dev.autodiff.nn.io;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F16 and BF16 tensors, as PyTorch checkpoints often hold them, are read and widened exactly. */
class HalfPrecisionTest {
    @Test
    void everyHalfPrecisionNumberIsWidenedExactly() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            int sign = bits >>> 15, exponent = (bits >>> 10) & 0x1F, fraction = bits & 0x3FF;
            double expected = exponent == 0x1F ? (fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : exponent == 0 ? Math.scalb((double) fraction, -24)
                    : Math.scalb(1.0 + fraction / 1024.0, exponent - 15);
            expected = sign == 1 ? -expected : expected;
            float got = SafeTensors.halfToFloat(bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(got), Integer.toHexString(bits));
            } else {
                assertEquals(expected, got, 0.0, Integer.toHexString(bits));
                assertEquals(Double.doubleToRawLongBits(expected) >>> 63, Float.floatToRawIntBits(got) >>> 31,
                        "sign of " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void f16AndBf16FilesAreRead() throws Exception {
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[10,16]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        for (int h : new int[] {0x3C00, 0xC000, 0x0001, 0x7C00, 0x3555}) {
            buf.putShort((short) h);
        }
        for (int h : new int[] {0x3F80, 0xC040, 0xFF80}) {
            buf.putShort((short) h);
        }
        SafeTensors.Loaded loaded = SafeTensors.fromBytes(buf.array());
        assertArrayEquals(new double[] {1.0, -2.0, 0x1p-24, Double.POSITIVE_INFINITY, 0.333251953125},
                loaded.tensor("a").toArray(), 0.0);
        assertArrayEquals(new double[] {1.0, -3.0, Double.NEGATIVE_INFINITY}, loaded.tensor("b").toArray(), 0.0);
    }
}
