#!/usr/bin/env python3
"""Compares a screenshot with its golden image, with a tolerance for the small differences of text anti-aliasing
and timing: the mean difference per channel must stay under MEAN and the share of pixels that differ by more
than 48 in any channel under SHARE.

golden_check.py IMAGE GOLDEN [MEAN=4] [SHARE=0.02]
With DERMASIM_UPDATE_GOLDENS=1 the image replaces the golden instead (tests/update_goldens.sh); look at it.
"""
import os
import shutil
import sys

from screen_check import decode


def main():
    image, golden = sys.argv[1], sys.argv[2]
    mean_limit = float(sys.argv[3]) if len(sys.argv) > 3 else 4.0
    share_limit = float(sys.argv[4]) if len(sys.argv) > 4 else 0.02
    if os.environ.get('DERMASIM_UPDATE_GOLDENS') == '1':
        shutil.copyfile(image, golden)
        print(f'{golden}: rewritten from {image}: look at it')
        return
    if not os.path.exists(golden):
        sys.exit(f'{golden}: no golden image (make it with tests/update_goldens.sh)')
    a, b = decode(image), decode(golden)
    if a[:2] != b[:2]:
        sys.exit(f'{image}: {a[0]}x{a[1]}, golden {b[0]}x{b[1]}')
    w, h, bpp_a, rows_a = a
    _, _, bpp_b, rows_b = b
    total, differing, n = 0, 0, 0
    for y in range(0, h, 2):
        ra, rb = rows_a[y], rows_b[y]
        for x in range(0, w, 2):
            pa, pb = ra[x * bpp_a:x * bpp_a + 3], rb[x * bpp_b:x * bpp_b + 3]
            d = [abs(pa[i] - pb[i]) for i in range(3)]
            total += sum(d)
            differing += max(d) > 48
            n += 1
    mean, share = total / (3 * n), differing / n
    ok = mean <= mean_limit and share <= share_limit
    print(f'{image} vs {golden}: mean difference {mean:.2f} (at most {mean_limit}), '
          f'{share * 100:.2f} % of pixels differ (at most {share_limit * 100:.1f} %)', 'ok' if ok else 'FAILED')
    if not ok:
        sys.exit(1)


main()
