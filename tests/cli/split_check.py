#!/usr/bin/env python3
"""Two before/after pictures of the same treatment, the divider at 0.1 and at 0.9 of the width: where both show
"after" (the right edge) they must match; in the middle, "after" in one and "before" in the other, they must
differ (the untreated skin is not the treated one).

split_check.py AT_0.1.png AT_0.9.png
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'window'))
from screen_check import decode  # noqa: E402


def mean_difference(a, b, box):
    w, h, bpp_a, rows_a = a
    _, _, bpp_b, rows_b = b
    x0, y0, x1, y1 = box
    total, n = 0, 0
    for y in range(int(y0 * h), int(y1 * h)):
        for x in range(int(x0 * w), int(x1 * w)):
            pa, pb = rows_a[y][x * bpp_a:x * bpp_a + 3], rows_b[y][x * bpp_b:x * bpp_b + 3]
            total += sum(abs(pa[i] - pb[i]) for i in range(3))
            n += 3
    return total / max(n, 1)


a, b = decode(sys.argv[1]), decode(sys.argv[2])
middle = mean_difference(a, b, (0.3, 0.25, 0.7, 0.9))
edge = mean_difference(a, b, (0.93, 0.6, 1.0, 0.9))
print(f'mean difference: middle {middle:.2f} (must be > 2), right edge {edge:.2f} (must be < 1)')
sys.exit(0 if middle > 2 and edge < 1 else 1)
