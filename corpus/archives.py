"""Zip archives of uploads: list the members worth reading, read one safely.

A member is its own document, with the source ``archive.zip!/path/inside.txt``.
Only supported suffixes are read; ``__MACOSX/`` resource forks, hidden files
and folders, the ``NAME_files/`` folder beside a saved web page, and archives
inside the archive are skipped. Limits guard against zip bombs: a member may
not unpack to more than ``MAX_MEMBER`` bytes, nor all members together to more
than ``MAX_TOTAL``.
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Union

from pipeline.errors import IngestError

__all__ = ["ArchiveMember", "MAX_MEMBER", "MAX_TOTAL", "list_members", "read_member"]

MAX_MEMBER = 50 * 1024 * 1024
MAX_TOTAL = 500 * 1024 * 1024

ARCHIVE_SUFFIXES = frozenset({".zip"})


@dataclass(frozen=True)
class ArchiveMember:
    """A file inside a zip archive: what ``iter_inputs`` yields for it and ``read_file`` reads."""

    archive: Path
    member: str  # the name inside the archive, "/"-separated

    @property
    def source(self) -> str:
        return f"{self.archive}!/{self.member}"

    @property
    def name(self) -> str:
        return PurePosixPath(self.member).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.member).suffix

    def __str__(self) -> str:
        return self.source


def is_archive(path: Union[str, os.PathLike]) -> bool:
    return Path(path).suffix.lower() in ARCHIVE_SUFFIXES


def skipped_part(parts: tuple[str, ...], siblings: set[str]) -> bool:
    """True for paths inside hidden folders, ``__MACOSX`` or a saved page's ``NAME_files`` folder.

    Args:
        parts: the path's parts, relative to the folder or archive walked.
        siblings: every file path (relative, "/"-joined, lower case) in it, to
            tell a saved page's ``_files`` folder from one that merely ends so.
    """
    for i, part in enumerate(parts):
        if part.startswith(".") or part == "__MACOSX":
            return True
        if i < len(parts) - 1 and part.endswith("_files"):
            stem = "/".join((*parts[:i], part[: -len("_files")])).lower()
            if any(f"{stem}{ext}" in siblings for ext in (".html", ".htm")):
                return True
    return False


def list_members(archive: Union[str, os.PathLike], suffixes) -> list[ArchiveMember]:
    """The members of ``archive`` to read, in sorted order.

    Args:
        archive: the .zip file.
        suffixes: the lower-case suffixes to keep (".txt", ".docx", ...).

    Raises:
        IngestError: naming the archive, when it is missing, not a zip file,
            corrupt, or would unpack to more than ``MAX_TOTAL`` bytes.
    """
    path = Path(archive)
    source = str(archive)
    infos = _infos(path, source)
    files = [i for i in infos if not i.is_dir()]
    siblings = {i.filename.lower() for i in files}
    keep = []
    for info in files:
        parts = PurePosixPath(info.filename).parts
        if not parts or PurePosixPath(info.filename).suffix.lower() not in suffixes:
            continue
        if skipped_part(parts, siblings):
            continue
        keep.append(info)
    total = sum(i.file_size for i in keep)
    if total > MAX_TOTAL:
        raise IngestError(source, f"archive too large: its files would unpack to {total // 2**20} MB "
                                  f"(limit {MAX_TOTAL // 2**20} MB); unpack it and ingest the folder")
    return [ArchiveMember(path, i.filename) for i in sorted(keep, key=lambda i: i.filename)]


def read_member(member: ArchiveMember) -> bytes:
    """The bytes of one member.

    Raises:
        IngestError: naming the member, when the archive cannot be read, the
            member is missing, encrypted, corrupt, or unpacks to more than
            ``MAX_MEMBER`` bytes (checked while unpacking: headers can lie).
    """
    source = member.source
    try:
        with zipfile.ZipFile(member.archive) as zf:
            try:
                info = zf.getinfo(member.member)
            except KeyError:
                raise IngestError(source, "no such file in the archive")
            if info.flag_bits & 0x1:
                raise IngestError(source, "encrypted in the archive (password-protected zip): unpack it first")
            if info.file_size > MAX_MEMBER:
                raise IngestError(source, _too_big(info.file_size))
            with zf.open(info) as f:
                data = f.read(MAX_MEMBER + 1)
            if len(data) > MAX_MEMBER:
                raise IngestError(source, _too_big(len(data)))
            return data
    except IngestError:
        raise
    except FileNotFoundError as e:
        raise IngestError(source, "archive not found: check the path") from e
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError,
            RuntimeError) as e:
        raise IngestError(source, f"cannot unpack from the archive: {e}") from e
    except Exception as e:  # zlib.error and friends from a damaged stream
        raise IngestError(source, f"cannot unpack from the archive: {type(e).__name__}: {e}") from e


def _too_big(size: int) -> str:
    return (f"unpacks to more than {MAX_MEMBER // 2**20} MB ({size // 2**20}+ MB), refused as a possible "
            "zip bomb: unpack it yourself if it is genuine")


def _infos(path: Path, source: str) -> list[zipfile.ZipInfo]:
    if not path.exists():
        raise IngestError(source, "file not found: check the path")
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.infolist()
    except zipfile.BadZipFile as e:
        raise IngestError(source, f"not a valid zip archive ({e}): the file is damaged or not a zip") from e
    except OSError as e:
        raise IngestError(source, f"cannot read archive: {e.strerror or e}") from e
