#!/usr/bin/env python3
"""Independent reference values for the PUBLIC benchmark functions (FUNCTIONS.md).

Plain Python (math only), written from FUNCTIONS.md without looking at the C# code, so that
FunctionDefinitionTests compare two independent implementations. /work/shared/bench/functions.py
was not available when this was written. Run: /usr/bin/python3 reference_values.py
"""
import math

PI = math.pi
E = math.e


def branin(x0, x1):
    a, b, c, r, s, t = 1.0, 5.1 / (4 * PI ** 2), 5 / PI, 6.0, 10.0, 1 / (8 * PI)
    return a * (x1 - b * x0 ** 2 + c * x0 - r) ** 2 + s * (1 - t) * math.cos(x0) + s


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
     [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(x):
    total = 0.0
    for i in range(4):
        inner = sum(A[i][j] * (x[j] - 1e-4 * P[i][j]) ** 2 for j in range(6))
        total += ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    s1 = sum(v * v for v in x) / d
    s2 = sum(math.cos(2 * PI * v) for v in x) / d
    return -20 * math.exp(-0.2 * math.sqrt(s1)) - math.exp(s2) + 20 + E


def styblinski_tang(x):
    return 0.5 * sum(v ** 4 - 16 * v ** 2 + 5 * v for v in x)


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    f = math.sin(PI * w[0]) ** 2
    for i in range(len(w) - 1):
        f += (w[i] - 1) ** 2 * (1 + 10 * math.sin(PI * w[i] + 1) ** 2)
    f += (w[-1] - 1) ** 2 * (1 + math.sin(2 * PI * w[-1]) ** 2)
    return f


def mixed8(x1, x2, x3, x4, n1, n2, c1, c2):
    T = {"a": 2.0, "b": 7.0, "c": 5.0}
    O1 = {"a": 1.0, "b": 0.0, "c": 0.5}
    O2 = {"relu": 0.0, "tanh": 0.3, "sigmoid": 1.0, "linear": 2.0}
    return ((x1 - 1) ** 2 + 5 * (x2 - x1 ** 2) ** 2 + ((x3 - T[c1]) / 2) ** 2
            + (math.log10(x4) + 2.5) ** 2 + (n1 - 13) ** 2 / 10 + (math.log2(n2) - 6) ** 2 / 4
            + O1[c1] + O2[c2])


def conditional_svm(C, gamma, kernel):
    u = math.log10(C) - 1.5
    v = math.log10(gamma) + 2.5
    K = {"rbf": 0.0, "poly": 0.15, "sigmoid": 0.4}
    return 0.2 + 0.25 * (u + v) ** 2 + 0.05 * (u - v) ** 2 + K[kernel]


def conditional_gbt(depth, lr, n, sub):
    q1 = math.log10(lr) + math.log10(n) - 1
    q2 = math.log10(lr) - math.log10(0.05)
    return ((depth - 6) / 3) ** 2 + 0.5 * q1 ** 2 + 0.1 * q2 ** 2 + 2 * (sub - 0.8) ** 2


def zdt(x, which):
    g = 1 + 9 * sum(x[1:]) / 29
    f1 = x[0]
    f2 = g * (1 - math.sqrt(f1 / g)) if which == 1 else g * (1 - (f1 / g) ** 2)
    return f1, f2


def learning_curve(lr, width, dropout, optimizer, t):
    a = math.log10(lr)
    w = math.log2(width)
    s = 1.0 if optimizer == "sgd" else 0.0
    floor = 0.1 + 0.15 * (a + 2) ** 2 + 0.03 * (w - 7) ** 2 + 0.5 * (dropout - 0.25) ** 2 + 0.05 * s
    tau = 20 * 10 ** (-0.7 * (a + 2)) * 2 ** (0.3 * (w - 7)) * (1.5 if optimizer == "sgd" else 1.0)
    return floor + (1.5 - floor) * math.exp(-t / tau)


def ramp(d, lo, hi):
    """x_i = lo + (hi - lo) * (i + 1) / (d + 1): distinct coordinates inside the box."""
    return [lo + (hi - lo) * (i + 1) / (d + 1) for i in range(d)]


def main():
    out = []
    out.append(("branin (0, 0)", branin(0, 0)))
    out.append(("branin (2.5, 7.5)", branin(2.5, 7.5)))
    out.append(("branin (-5, 15)", branin(-5, 15)))
    out.append(("branin (10, 0)", branin(10, 0)))
    out.append(("hartmann6 0.5", hartmann6([0.5] * 6)))
    out.append(("hartmann6 0.1..0.6", hartmann6([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])))
    out.append(("hartmann6 0", hartmann6([0.0] * 6)))
    out.append(("rosenbrock10 0", rosenbrock([0.0] * 10)))
    out.append(("rosenbrock10 ramp", rosenbrock(ramp(10, -5, 10))))
    out.append(("ackley10 1", ackley([1.0] * 10)))
    out.append(("ackley10 ramp", ackley(ramp(10, -32.768, 32.768))))
    out.append(("styblinski_tang10 0", styblinski_tang([0.0] * 10)))
    out.append(("styblinski_tang10 ramp", styblinski_tang(ramp(10, -5, 5))))
    out.append(("levy10 0", levy([0.0] * 10)))
    out.append(("levy10 ramp", levy(ramp(10, -10, 10))))
    out.append(("mixed8 A", mixed8(0.5, -1.0, 3.0, 0.01, 5, 100, "a", "tanh")))
    out.append(("mixed8 B", mixed8(-5, 5, 10, 1e-4, 20, 1024, "c", "linear")))
    out.append(("mixed8 C", mixed8(1.2, 1.5, 7.5, 0.002, 13, 64, "b", "sigmoid")))
    out.append(("conditional svm A", conditional_svm(1.0, 0.1, "poly")))
    out.append(("conditional svm B", conditional_svm(10 ** 1.5, 10 ** -2.5, "rbf")))
    out.append(("conditional svm C", conditional_svm(1e3, 1e-5, "sigmoid")))
    out.append(("conditional gbt A", conditional_gbt(3, 0.1, 50, 0.5)))
    out.append(("conditional gbt B", conditional_gbt(16, 1e-3, 1000, 1.0)))
    out.append(("zdt1 0.5", zdt([0.5] * 30, 1)))
    out.append(("zdt1 ramp", zdt(ramp(30, 0, 1), 1)))
    out.append(("zdt2 0.5", zdt([0.5] * 30, 2)))
    out.append(("zdt2 ramp", zdt(ramp(30, 0, 1), 2)))
    out.append(("zdt1 x0=1 rest 1", zdt([1.0] * 30, 1)))
    for cfg in [(0.1, 32, 0.1, "sgd"), (1e-3, 256, 0.4, "adam"), (0.012832341399670526, 122, 0.25, "adam")]:
        for t in (1, 10, 100):
            out.append((f"learning_curve {cfg} t={t}", learning_curve(*cfg, t)))
    for name, v in out:
        print(f"{name}: {v!r}")


if __name__ == "__main__":
    main()
