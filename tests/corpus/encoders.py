"""Encoders the corpus tests use to build legacy-encoded fixtures."""
import unicodedata


def cp1258_bytes(s: str) -> bytes:
    """Windows-1258 bytes of ``s``: base letters with separate tone marks, as the code page stores them."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")
