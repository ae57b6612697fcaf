"""Small PDFs made by hand for the reader tests (no PDF-writing library needed).

Text PDFs use Helvetica with a custom encoding and a /ToUnicode map, the way
PDF writers store subset fonts: the extractor reads the letters from the map,
so Vietnamese comes out right (the page would not *show* it, Helvetica having
no Vietnamese glyphs, but nobody looks). An image-only PDF stands in for a scan.
"""
from __future__ import annotations

import zlib


def _pdf(objects: list[bytes]) -> bytes:
    """Assemble numbered objects (1-based; 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(pages: list[list], size: int = 11) -> bytes:
    """A PDF whose pages hold the given lines.

    A line is a string, or a list of (x, string) cells on one baseline (a table row).
    """
    chars = sorted({c for page in pages for line in page for c in _line_text(line)})
    if len(chars) > 250:
        raise ValueError("too many distinct characters for one single-byte font")
    code = {c: i + 1 for i, c in enumerate(chars)}
    n_pages = len(pages)
    # objects: 1 catalog, 2 pages, 3 font, 4 tounicode, then (page, content) pairs
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n_pages))
    differences = b" ".join(b"/g%d" % code[c] for c in chars)
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar %d "
            b"/Widths [%s] /Encoding << /Type /Encoding /Differences [1 %s] >> /ToUnicode 4 0 R >>"
            % (len(chars), b" ".join(b"%d" % _width(c) for c in chars), differences))
    cmap = _tounicode(code)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages), font, _stream(cmap)]
    for i, page in enumerate(pages):
        ops = [b"BT /F1 %d Tf" % size]
        y = 800
        for line in page:
            cells = [(72, line)] if isinstance(line, str) else line
            for x, s in cells:
                hexed = "".join(f"{code[c]:02x}" for c in s).encode()
                ops.append(b"1 0 0 1 %d %d Tm <%s> Tj" % (x, y, hexed))
            y -= int(size * 1.6)
        ops.append(b"ET")
        content = zlib.compress(b"\n".join(ops))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (6 + 2 * i))
        objects.append(_stream(content, b"/Filter /FlateDecode "))
    return _pdf(objects)


def _line_text(line) -> str:
    return line if isinstance(line, str) else "".join(s for _, s in line)


def _width(c: str) -> int:
    return 278 if c in " .,:;il|/" else 556


def _tounicode(code: dict[str, int]) -> bytes:
    entries = "\n".join(f"<{n:02x}> <{ord(c):04x}>" for c, n in code.items())
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <ff>\nendcodespacerange\n"
        f"{len(code)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def image_pdf(n_pages: int = 2) -> bytes:
    """Pages that are one grey image each and no text: what a scanner makes."""
    pixels = zlib.compress(bytes(range(0, 256, 4)) * 64)  # 64x64 greyscale
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n_pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages),
               _stream(pixels, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                               b"/BitsPerComponent 8 /Filter /FlateDecode ")]
    for i in range(n_pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /XObject << /Im1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q"))
    return _pdf(objects)
