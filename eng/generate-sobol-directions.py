#!/usr/bin/env python3
"""Writes src/Attune/Samplers/Qmc/SobolDirectionNumbers.bin.

Source: the Sobol' direction numbers of S. Joe and F. Y. Kuo, "Constructing Sobol sequences
with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file
new-joe-kuo-6.21201, as shipped by SciPy in scipy/stats/_sobol_direction_numbers.npz
(Debian: apt-get install python3-scipy). Only the first DIMENSIONS dimensions are kept.

Format (all little-endian):
  bytes 0-3  magic "ASDN"
  byte  4    format version (1)
  bytes 5-6  number of dimensions D (uint16), dimension 0 included
  then a bit stream, least significant bit of each byte first, for dimensions 1..D-1 in order:
    s      5 bits   degree of the primitive polynomial
    a      s-1 bits the polynomial's interior coefficients, as in Joe and Kuo's file: for
                    x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1, a is a_1 a_2 ... a_(s-1) read as a
                    binary number (a_1 most significant)
    m_i    i-1 bits for i = 1..s: (m_i - 1) / 2 (every m_i is odd and below 2^i)
Dimension 0 is the van der Corput sequence (all m_i = 1) and is not stored.
"""
import sys
import numpy as np

DIMENSIONS = 1111
SOURCE = "/usr/lib/python3/dist-packages/scipy/stats/_sobol_direction_numbers.npz"


def main(out_path):
    data = np.load(SOURCE)
    poly, vinit = data["poly"], data["vinit"]
    bits = []

    def put(value, width):
        for k in range(width):
            bits.append((value >> k) & 1)

    for d in range(1, DIMENSIONS):
        p = int(poly[d])
        s = p.bit_length() - 1
        a = (p >> 1) & ((1 << (s - 1)) - 1)
        assert p == (1 << s) | (a << 1) | 1
        put(s, 5)
        put(a, s - 1)
        for i in range(1, s + 1):
            m = int(vinit[d, i - 1])
            assert m % 2 == 1 and m < (1 << i)
            put(m >> 1, i - 1)
    while len(bits) % 8:
        bits.append(0)
    payload = bytes(sum(bits[i + k] << k for k in range(8)) for i in range(0, len(bits), 8))
    with open(out_path, "wb") as f:
        f.write(b"ASDN" + bytes([1]) + DIMENSIONS.to_bytes(2, "little") + payload)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/Attune/Samplers/Qmc/SobolDirectionNumbers.bin")
