/**
 * Saving and loading tensors: {@link dev.autodiff.nn.io.SafeTensors} reads and writes the safetensors format of
 * the Python ecosystem, and refuses malformed files with a {@link dev.autodiff.nn.io.SafeTensorsFormatException}.
 */
package dev.autodiff.nn.io;
