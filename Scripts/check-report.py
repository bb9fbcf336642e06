#!/usr/bin/env python3
"""Checks a Parallax HTML report (or a standalone SVG) as a reader's browser would see it.

    check-report.py REPORT.html [--chromium PATH] [--shots DIR] [--expect-pictures chart,web,figures]
    check-report.py CHART.svg

HTML: parsed by html5lib in strict mode (any parse error fails), every inline <svg> parsed
again as XML, and no <script> element anywhere. With --chromium, the page is opened in
headless Chromium twice: once with a measuring script added to a copy (the report itself
has none) whose boxes of the pictures come back through --dump-dom, and once for a
screenshot, whose pixels must not be blank overall nor inside each picture's box. Prints
one line per check; exits 1 on the first failure.
"""

import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

PICTURES = {"chart": "svg.escalation", "web": "svg.web", "figures": "svg.figures"}

MEASURE = """
<script>
(function () {
  function box(sel) {
    var e = document.querySelector(sel);
    if (!e) return null;
    var r = e.getBoundingClientRect();
    return {x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height};
  }
  var out = {viewport: window.innerWidth, pageWidth: document.documentElement.scrollWidth,
             pageHeight: document.documentElement.scrollHeight,
             scripts: document.querySelectorAll('script').length, boxes: {}};
  var sels = %s;
  for (var k in sels) out.boxes[k] = box(sels[k]);
  var pre = document.createElement('pre');
  pre.id = 'parallax-boxes';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check_svg_xml(text, what):
    try:
        ET.fromstring(text)
    except ET.ParseError as e:
        fail("%s is not well-formed XML: %s" % (what, e))


def check_html(path):
    import html5lib  # Debian: python3-html5lib
    data = open(path, "rb").read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(data)
    except Exception as e:  # html5lib raises ParseError in strict mode
        fail("html5lib: %s" % e)
    if parser.errors:
        fail("html5lib: %s" % (parser.errors[:3],))
    if tree.findall(".//script"):
        fail("the report holds a <script> element")
    text = data.decode("utf-8")
    svgs = re.findall(r"<svg\b.*?</svg>", text, flags=re.S)
    for i, s in enumerate(svgs):
        # Inline SVG in HTML has no namespace declaration; XML needs one for the tests' parse only.
        check_svg_xml(s.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1), "inline svg #%d" % (i + 1))
    print("ok: html5lib strict parse, %d inline svg well-formed, no script" % len(svgs))
    return text


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit non-interlaced PNG."""
    try:
        from PIL import Image  # faster when present (Debian: python3-pil)
        im = Image.open(path).convert("RGB")
        w, h = im.size
        raw = im.tobytes()
        return w, h, 3, [raw[y * w * 3:(y + 1) * w * 3] for y in range(h)]
    except ImportError:
        pass
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    channels = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = w * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, channels, rows


def inked(rows, channels, x0, y0, x1, y1):
    """The share of pixels in the box that are not near-white."""
    total = inked = 0
    for y in range(max(0, y0), min(len(rows), y1)):
        row = rows[y]
        for x in range(max(0, x0), min(len(row) // channels, x1)):
            k = x * channels
            total += 1
            if row[k] < 235 or row[k + 1] < 235 or row[k + 2] < 235:
                inked += 1
    return inked / total if total else 0.0


def check_in_browser(path, chromium, shots, expected):
    work = tempfile.mkdtemp(prefix="parallax-report-")
    text = open(path, encoding="utf-8").read()
    sels = {k: PICTURES[k] for k in expected}
    measured = os.path.join(work, "measured.html")
    with open(measured, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", MEASURE % json.dumps(sels) + "</body>"))
    width = 1200
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-dev-shm-usage", "--user-data-dir=" + os.path.join(work, "profile")]
    dom = subprocess.run(base + ["--window-size=%d,900" % width, "--dump-dom", "file://" + measured],
                         capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<pre id="parallax-boxes">(.*?)</pre>', dom, flags=re.S)
    if not m:
        fail("chromium: no measurements in the dumped DOM (did the page load?)")
    info = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    if info["scripts"] != 1:
        fail("the page ran with %d script elements (only the measuring one expected)" % info["scripts"])
    if info["pageWidth"] > info["viewport"] + 1:
        fail("the page is wider (%d) than the window (%d)" % (info["pageWidth"], info["viewport"]))
    for name, b in info["boxes"].items():
        if b is None:
            fail("no %s picture in the page" % name)
        if b["w"] < 300 or b["h"] < 80:
            fail("the %s picture is laid out too small: %r" % (name, b))
        if b["x"] < 0 or b["x"] + b["w"] > info["viewport"] + 1:
            fail("the %s picture sticks out of the page: %r" % (name, b))
    print("ok: pictures laid out inside the page: " + ", ".join(
        "%s %dx%d at (%d,%d)" % (k, v["w"], v["h"], v["x"], v["y"]) for k, v in info["boxes"].items()))
    height = min(int(info["pageHeight"]) + 10, 16000)
    shot = os.path.join(shots or work, os.path.basename(path) + ".png")
    scale = 0.5
    subprocess.run(base + ["--window-size=%d,%d" % (width, height), "--force-device-scale-factor=%s" % scale,
                           "--screenshot=" + shot, "file://" + os.path.abspath(path)],
                   capture_output=True, text=True, timeout=120)
    if not os.path.exists(shot):
        fail("chromium wrote no screenshot")
    w, h, channels, rows = png_pixels(shot)
    whole = inked(rows, channels, 0, 0, w, h)
    if whole < 0.01:
        fail("the screenshot is blank (%.4f of pixels inked)" % whole)
    parts = []
    for name, b in info["boxes"].items():
        if (b["y"] + b["h"]) * scale > h:
            parts.append("%s below the screenshot's %d pixels" % (name, height))
            continue
        share = inked(rows, channels, int(b["x"] * scale), int(b["y"] * scale),
                      int((b["x"] + b["w"]) * scale), int((b["y"] + b["h"]) * scale))
        # A sparse picture is mostly paper: a web of one contact (three nodes, two edges)
        # inks about 1 % of its box; an empty one inks none.
        if share < 0.003:
            fail("the %s picture is blank on screen (%.4f inked)" % (name, share))
        parts.append("%s %.3f" % (name, share))
    print("ok: screenshot %dx%d not blank (%.3f inked); inked inside pictures: %s; %s" % (w, h, whole, ", ".join(parts), shot))


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    path = args[0]
    chromium = shots = None
    expected = list(PICTURES)
    i = 1
    while i < len(args):
        if args[i] == "--chromium":
            chromium = args[i + 1]
        elif args[i] == "--shots":
            shots = args[i + 1]
        elif args[i] == "--expect-pictures":
            expected = [p for p in args[i + 1].split(",") if p]
        i += 2
    if path.endswith(".svg"):
        check_svg_xml(open(path, encoding="utf-8").read(), path)
        print("ok: svg well-formed")
        return
    check_html(path)
    if chromium:
        check_in_browser(path, chromium, shots, expected)


if __name__ == "__main__":
    main()
