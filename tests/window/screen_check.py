#!/usr/bin/env python3
"""Decodes a screenshot PNG (8-bit RGB/RGBA, as DermaSim writes them) and checks what it shows.

screen_check.py FILE CHECK...   where each CHECK is
  skin:X0,Y0,X1,Y1:MIN     at least MIN (fraction 0..1) of the box's pixels are skin-toned (the block's surface
                           or its cut layers)
  panel:X0,Y0,X1,Y1:MIN    at least MIN of the box's pixels are the dark grey of a UI panel
  busy:X0,Y0,X1,Y1:MIN     the box holds at least MIN distinct colours (text, plots: not a flat fill)
  note:X0,Y0,X1,Y1:MIN     at least MIN of the box's pixels are the cream of the consultation's note strip
Boxes are fractions of the width and height (0..1). Exits 1 naming the first check that fails.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', f'{path}: not a PNG'
    i, idat = 8, b''
    while i < len(data):
        n, kind = struct.unpack('>I4s', data[i:i + 8])
        body = data[i + 8:i + 8 + n]
        if kind == b'IHDR':
            w, h, depth, colour = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and colour in (2, 6), f'{path}: unsupported PNG (depth {depth}, colour {colour})'
            bpp = 3 if colour == 2 else 4
        elif kind == b'IDAT':
            idat += body
        i += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def pixels(img, box):
    w, h, bpp, rows = img
    x0, y0, x1, y1 = box
    for y in range(int(y0 * h), int(y1 * h), 2):
        row = rows[y]
        for x in range(int(x0 * w), int(x1 * w), 2):
            yield tuple(row[x * bpp:x * bpp + 3])


def is_skin(p):
    r, g, b = p
    return r > 150 and r > g + 12 and g > b - 25 and b > 80


def is_panel(p):
    # ImGui's panels are a neutral near-black grey (about 17,17,18); the scene's background is bluer and a
    # blank frame is black.
    r, g, b = p
    return min(r, g, b) >= 8 and max(r, g, b) <= 40 and max(r, g, b) - min(r, g, b) <= 5 and b - r < 5


def is_note(p):
    r, g, b = p
    return r >= 240 and g >= 236 and 205 <= b <= 240


def main():
    path = sys.argv[1]
    img = decode(path)
    print(f'{path}: {img[0]}x{img[1]}')
    for check in sys.argv[2:]:
        kind, box, want = check.split(':')
        box = [float(v) for v in box.split(',')]
        px = list(pixels(img, box))
        if kind == 'busy':
            got = len(set(px))
            ok = got >= float(want)
        else:
            test = {'skin': is_skin, 'panel': is_panel, 'note': is_note}[kind]
            got = sum(1 for p in px if test(p)) / max(1, len(px))
            ok = got >= float(want)
        print(f'  {check}: {got:.3f}' if isinstance(got, float) else f'  {check}: {got}', 'ok' if ok else 'FAILED')
        if not ok:
            sys.exit(1)


if __name__ == '__main__':
    main()
