#!/usr/bin/env python3
"""Independent reference values for the extended multi-objective problems (ZDT3, ZDT4, ZDT6,
DTLZ1-DTLZ4 with three objectives), written from the literature definitions, not from the C# code;
and the HV* constants of docs/benchmark-suite.md. Run: /usr/bin/python3 reference_values_mo.py
(needs numpy and scipy for the HV* part).
"""
import math


def ramp(d, lo, hi):
    return [lo + (hi - lo) * (i + 1) / (d + 1) for i in range(d)]


def zdt3(x):
    n = len(x)
    g = 1 + 9 * sum(x[1:]) / (n - 1)
    r = x[0] / g
    return x[0], g * (1 - math.sqrt(r) - r * math.sin(10 * math.pi * x[0]))


def zdt4(x):
    n = len(x)
    g = 1 + 10 * (n - 1) + sum(v * v - 10 * math.cos(4 * math.pi * v) for v in x[1:])
    return x[0], g * (1 - math.sqrt(x[0] / g))


def zdt6(x):
    n = len(x)
    f1 = 1 - math.exp(-4 * x[0]) * math.sin(6 * math.pi * x[0]) ** 6
    g = 1 + 9 * (sum(x[1:]) / (n - 1)) ** 0.25
    return f1, g * (1 - (f1 / g) ** 2)


def dtlz(v, x):
    m = 3
    tail = x[m - 1:]
    k = len(tail)
    if v in (1, 3):
        g = 100 * (k + sum((t - 0.5) ** 2 - math.cos(20 * math.pi * (t - 0.5)) for t in tail))
    else:
        g = sum((t - 0.5) ** 2 for t in tail)
    if v == 1:
        return 0.5 * x[0] * x[1] * (1 + g), 0.5 * x[0] * (1 - x[1]) * (1 + g), 0.5 * (1 - x[0]) * (1 + g)
    a = x[0] ** 100 if v == 4 else x[0]
    b = x[1] ** 100 if v == 4 else x[1]
    a, b = a * math.pi / 2, b * math.pi / 2
    return (1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b), (1 + g) * math.sin(a)


def hv_constants():
    import numpy as np
    from scipy import integrate, optimize

    f = lambda x: 1 - np.exp(-4 * x) * np.sin(6 * np.pi * x) ** 6
    m = optimize.minimize_scalar(f, bounds=(0.05, 0.12), method="bounded", options={"xatol": 1e-14}).fun
    print("zdt6 min f1:", repr(m), " HV*(11, 11):", repr(110 + 10 * (1 - m) + (1 - m ** 3) / 3))

    h = lambda t: 1 - np.sqrt(t) - t * np.sin(10 * np.pi * t)
    t = np.linspace(0, 1, 2_000_001)
    v = h(t)
    best = np.minimum.accumulate(v)
    nd = np.concatenate([[True], v[1:] < best[:-1]])
    idx = np.where(nd)[0]
    cuts = np.where(np.diff(idx) > 1)[0]
    pieces = list(zip([idx[0]] + [idx[c + 1] for c in cuts], [idx[c] for c in cuts] + [idx[-1]]))
    refined, previous = [], None
    for s, e in pieces:
        a = 0.0 if previous is None else optimize.brentq(lambda x: h(x) - previous, t[s] - 1e-5, t[s] + 1e-6, xtol=1e-15)
        b = 1.0 if t[e] > 1 - 1e-9 else optimize.minimize_scalar(h, bounds=(t[e] - 1e-3, t[e] + 1e-3), method="bounded", options={"xatol": 1e-14}).x
        refined.append((a, b))
        previous = h(b)
    r, hv = 11.0, 0.0
    for i, (a, b) in enumerate(refined):
        hv += integrate.quad(lambda x: r - h(x), a, b, epsabs=1e-13, epsrel=1e-13, limit=200)[0]
        hv += (r - h(b)) * ((refined[i + 1][0] if i + 1 < len(refined) else r) - b)
    print("zdt3 front pieces:", refined, " HV*(11, 11):", repr(hv))

    xs = np.linspace(-5, 5, 20_000_001)
    print("zdt4 max g:", 1 + 90 + 9 * float(np.max(xs ** 2 - 10 * np.cos(4 * np.pi * xs))))
    ys = np.linspace(-0.5, 0.5, 20_000_001)
    w = float(np.max(ys ** 2 - np.cos(20 * np.pi * ys)))
    print("dtlz1 max f:", 0.5 * (1 + 100 * (5 + 5 * w)), " dtlz3 max f:", 1 + 100 * (10 + 10 * w))


def main():
    out = [
        ("zdt3 0.5", zdt3([0.5] * 30)),
        ("zdt3 ramp", zdt3(ramp(30, 0, 1))),
        ("zdt4 0.3 + ramp", zdt4([0.3] + ramp(9, -5, 5))),
        ("zdt4 0.5", zdt4([0.5] * 10)),
        ("zdt6 ramp", zdt6(ramp(10, 0, 1))),
        ("zdt6 0.25, rest 0.1", zdt6([0.25] + [0.1] * 9)),
    ]
    for v, n in ((1, 7), (2, 12), (3, 12), (4, 12)):
        out.append((f"dtlz{v} ramp", dtlz(v, ramp(n, 0, 1))))
        out.append((f"dtlz{v} 0.9, 0.2, rest 0.3", dtlz(v, [0.9, 0.2] + [0.3] * (n - 2))))
    for name, v in out:
        print(f"{name}: {v!r}")
    hv_constants()


if __name__ == "__main__":
    main()
