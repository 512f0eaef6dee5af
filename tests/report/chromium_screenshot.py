#!/usr/bin/python3
"""The TSAG report's HTML page, as a browser draws it.

usage: chromium_screenshot.py WRITE_REPORT DATASET MEETING WORKDIR

Writes the tsag report of MEETING (through WRITE_REPORT, which uses the C
API) and checks:

1. the page is self-contained (docs/reports.md: inline CSS and SVG, no
   script, no external resource): no script, iframe, object, embed, link,
   img or base element, no src/href/srcset/action/poster/data attribute, no
   event handler, no URL or url() in any attribute value but the SVG
   namespace, no @import or url() in a style sheet;
2. headless Chromium renders it (chromium --headless --screenshot) to a PNG
   that is not blank: enough non-white pixels, several distinct colours, and
   every status colour the timeline's lanes use (read from the page) present
   in the picture, so the SVG lanes were drawn.

Without Chromium, step 2 is skipped: the script prints "chromium not
installed: skipped" and exits 77 (CTest's SKIP_RETURN_CODE). The PNG is
decoded here with zlib alone (no PIL).
"""
import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77


class Failure(Exception):
    pass


# ---- 1. self-contained ----

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "link", "img", "base", "frame", "frameset",
                  "audio", "video", "source", "image", "use", "foreignobject", "applet", "meta-refresh"}
FORBIDDEN_ATTRS = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data",
                   "background", "codebase", "manifest", "ping"}
SVG_NS = "http://www.w3.org/2000/svg"


class SelfContained(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_style = False
        self.lane_fills = set()
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append("<%s> element" % tag)
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.problems.append("<meta http-equiv>")
        if tag == "svg":
            self.svgs += 1
        if tag == "style":
            self.in_style = True
        attrs_d = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name in FORBIDDEN_ATTRS:
                self.problems.append("%s=%r on <%s>" % (name, value, tag))
            if name.startswith("on"):
                self.problems.append("event handler %s on <%s>" % (name, tag))
            if name == "xmlns" and value == SVG_NS:
                continue
            low = value.lower()
            if "url(" in low or "://" in low or "@import" in low or low.startswith("javascript:"):
                self.problems.append("a URL in %s=%r on <%s>" % (name, value, tag))
        # the timeline's status boxes: rounded, filled rects
        if tag == "rect" and attrs_d.get("rx") and attrs_d.get("fill", "").startswith("#"):
            self.lane_fills.add(attrs_d["fill"].lower())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            low = data.lower()
            for bad in ("@import", "url(", "://", "expression("):
                if bad in low:
                    self.problems.append("%s in a style sheet" % bad)


def check_self_contained(page):
    if re.search(r"<\s*script", page, re.I):
        raise Failure("the page holds <script")
    p = SelfContained()
    p.feed(page)
    p.close()
    if p.problems:
        raise Failure("the page is not self-contained: " + "; ".join(p.problems[:10]))
    if p.svgs < 3:
        raise Failure("the page draws %d SVG pictures; a timeline needs an axis, lanes and a legend" % p.svgs)
    if len(p.lane_fills) < 3:
        raise Failure("the timeline uses %d status colours: %s" % (len(p.lane_fills), sorted(p.lane_fills)))
    return p.lane_fills


# ---- 2. the picture ----

def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data):
    """(width, height, channels, rows): rows of bytes, 8 bits per channel."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure("the screenshot is not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if not ihdr:
        raise Failure("the PNG has no IHDR")
    width, height, depth, ctype, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace:
        raise Failure("unexpected PNG: depth %d, colour type %d, interlace %d" % (depth, ctype, interlace))
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 0xFF
            elif ftype != 0:
                raise Failure("PNG filter type %d" % ftype)
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def colour_counts(width, height, channels, rows):
    counts = {}
    for row in rows:
        for x in range(width):
            px = row[x * channels:x * channels + 3] if channels >= 3 else bytes([row[x * channels]] * 3)
            counts[px] = counts.get(px, 0) + 1
    return counts


def near(c1, c2, tol=6):
    return all(abs(a - b) <= tol for a, b in zip(c1, c2))


def check_picture(png, lane_fills):
    width, height, channels, rows = decode_png(png)
    counts = colour_counts(width, height, channels, rows)
    total = width * height
    non_white = sum(n for c, n in counts.items() if min(c) < 235)
    distinct = sum(1 for n in counts.values() if n >= 20)
    print("screenshot: %dx%d, %.1f%% non-white pixels, %d colours with 20 pixels or more"
          % (width, height, 100.0 * non_white / total, distinct))
    if non_white < total // 100:
        raise Failure("the page is nearly blank: %d non-white pixels of %d" % (non_white, total))
    if distinct < 8:
        raise Failure("only %d distinct colours: the timeline did not draw" % distinct)
    missing = []
    for fill in sorted(lane_fills):
        rgb = bytes(int(fill[i:i + 2], 16) for i in (1, 3, 5))
        drawn = sum(n for c, n in counts.items() if near(c, rgb))
        print("  status colour %s: %d pixels" % (fill, drawn))
        if drawn < 40:
            missing.append(fill)
    if missing:
        raise Failure("status colours the lanes use are not in the picture: %s" % ", ".join(missing))


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    tool, dataset, meeting, workdir = argv[1:]
    os.makedirs(workdir, exist_ok=True)
    page_path = os.path.join(workdir, "tsag-%s.html" % meeting)
    shot_path = os.path.join(workdir, "tsag-%s.png" % meeting)
    subprocess.run([tool, dataset, page_path, "tsag", meeting], check=True, timeout=30)
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    lane_fills = check_self_contained(page)
    print("%s: self-contained, %d bytes, lanes in %d status colours" % (page_path, len(page), len(lane_fills)))

    chromium = find_chromium()
    if not chromium:
        print("chromium not installed: skipped")
        return SKIP
    if os.path.exists(shot_path):
        os.remove(shot_path)
    with tempfile.TemporaryDirectory(prefix="cxo-chromium-") as profile:
        env = dict(os.environ, HOME=profile)
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile,
               "--screenshot=" + shot_path, "--window-size=1200,1600",
               "file://" + os.path.abspath(page_path)]
        try:
            run = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=25)
        except subprocess.TimeoutExpired:
            raise Failure("chromium took more than 25 s")
    if not os.path.exists(shot_path):
        raise Failure("chromium wrote no screenshot (exit %d):\n%s"
                      % (run.returncode, run.stdout.decode(errors="replace")[-2000:]))
    with open(shot_path, "rb") as f:
        check_picture(f.read(), lane_fills)
    print("%s: the page drew" % shot_path)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        sys.exit(1)
