"""Reading and writing the user's files without losing or leaking anything.

- ``read_regular`` opens only regular files (never a FIFO, a device or a directory, so a read can
  never block or run forever) and reads at most a given size.
- ``atomic_write`` writes through a temporary file with a unique name in the same directory,
  flushed to disk (``fsync``) before it takes the final name, and the directory flushed after:
  a crash, a kill or a full disk leaves either the old file or the new one, never a mix, and no
  temporary file behind (a killed process's temporary files are swept by ``sweep_temporaries``).
- ``check_output`` is the rule for every file a command writes: never the input it reads, never
  an existing file unless the user said ``--force``, and only ever a regular file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import CoalitionError

TEMP_SUFFIX = ".tmp"


class FileRefused(CoalitionError):
    """A file that cannot or must not be read or written; the message says which and why."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


def os_reason(e: OSError) -> str:
    """An ``OSError`` in words, without the file name (the caller names the file)."""
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    if e.errno == errno.EROFS:
        return "the disk is read-only"
    if e.errno == errno.EDQUOT:
        return "the disk quota is used up"
    if e.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return e.strerror or str(e)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], max_bytes: int, too_big: str = "the file is too large") -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them; ``FileRefused`` (with a plain
    reason, not naming the file) for anything else. Never blocks: the file is opened without
    waiting, and refused unless it is a regular file."""
    try:
        fd = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise FileRefused("no such file", missing=True) from None
    except IsADirectoryError:
        raise FileRefused("this is a directory, not a file") from None
    except PermissionError:
        raise FileRefused("permission denied: the file cannot be read") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL byte in the name
        reason = os_reason(e) if isinstance(e, OSError) else "the name contains a NUL byte"
        raise FileRefused(f"the file cannot be read: {reason}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileRefused(f"this is {_kind(mode)}, not a file that can be read")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise FileRefused(f"the file cannot be read: {os_reason(e)}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise FileRefused(too_big)
    return data


def fsync_directory(directory: str | os.PathLike[str]) -> None:
    """Flush a directory's entries (a rename into it) to disk, where the system allows it."""
    try:
        fd = os.open(os.fspath(directory), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # e.g. Windows: directories cannot be opened; the rename is still atomic
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def temporary_prefix(path: Path) -> str:
    """The prefix of ``path``'s temporary files: hidden, and carrying this process's id so that a
    sweep can tell a live writer's file from a killed one's."""
    return f".{path.name}.{os.getpid()}."


def atomic_write(path: str | os.PathLike[str], data: bytes | str, replace: bool = True) -> Path:
    """Write ``data`` to ``path`` all at once: to a temporary file with a unique name beside it,
    flushed, then renamed over ``path`` (``replace``) or linked to it only if ``path`` does not
    exist (``FileExistsError`` otherwise). On any failure the temporary file is removed and the
    ``OSError`` raised: ``path`` is as it was."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    import tempfile  # noqa: PLC0415 - here, not at the top: most commands never write (validate starts faster)

    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        _set_mode(fd, path)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if path exists: no check-then-write race
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_directory(path.parent)
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask can only be read by setting it


def _set_mode(fd: int, path: Path) -> None:
    """Give the new file the mode the old one had, else the usual one (not mkstemp's 0600)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_UMASK
    with contextlib.suppress(OSError, AttributeError):  # no fchmod on Windows
        os.fchmod(fd, mode)


def sweep_temporaries(directory: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that killed writers left in ``directory`` (those whose process
    is gone); returns what was removed. A live process's temporary files are left alone."""
    removed = []
    try:
        entries = list(Path(directory).iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        parts = name[1 : -len(TEMP_SUFFIX)].split(".")
        pid = next((int(p) for p in reversed(parts[:-1]) if p.isdigit()), None)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's), or we cannot tell: leave its files alone
    return True


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (both must exist)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(
    path: str | os.PathLike[str],
    force: bool,
    inputs: Iterable[str | os.PathLike[str]] = (),
    option: str = "",
    stream: bool = False,
) -> Path:
    """Refuse to write ``path`` when it is one of ``inputs`` (even with ``--force``), when it
    exists and ``force`` is not given, or when it is not a regular file (a directory, a device);
    ``CoalitionError`` says which. A ``stream`` (lines written as they come) may also go to a
    pipe or a terminal the user named (``--out /dev/stdout``), which nothing overwrites.
    ``option`` names the command-line option in the message."""
    out = Path(path)
    label = f"{option}: {out}" if option else str(out)
    if "\0" in os.fspath(out):
        raise CoalitionError(f"{label}: the file name contains a NUL byte")
    for given in inputs:
        if given is not None and same_file(out, given):
            raise CoalitionError(f"{label} is the file this command reads; write the output to another file")
    try:
        mode = os.stat(out).st_mode
    except FileNotFoundError:
        return out
    except OSError as e:
        raise CoalitionError(f"{label}: {os_reason(e)}") from None
    if stream and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return out
    if not stat.S_ISREG(mode):
        raise CoalitionError(f"{label} is {_kind(mode)}; name a file to write")
    if not force:
        raise CoalitionError(f"{label} exists; add --force to replace it")
    return out


def write_output(
    path: str | os.PathLike[str],
    data: bytes | str,
    force: bool,
    inputs: Iterable[str | os.PathLike[str]] = (),
    option: str = "",
) -> Path:
    """``check_output``, then ``atomic_write``: a command's output file, all or nothing."""
    out = check_output(path, force, inputs, option)
    label = f"{option}: {out}" if option else str(out)
    try:
        return atomic_write(out, data, replace=force)
    except FileExistsError:
        raise CoalitionError(f"{label} exists; add --force to replace it") from None
    except OSError as e:
        raise CoalitionError(f"cannot write {label}: {os_reason(e)}") from None
