"""Open shmkit's shared tables from Python by name, zero-copy.

shmkit (Java) publishes a table as an Arrow IPC file in a space directory; every publish of a name
writes a new version file ``<name>.v<version>.p<pid>.arrow``, and the highest version is current.
This module finds the space directory by the same rules as Java and maps the current version::

    import shmkit
    t = shmkit.open("big")                 # pyarrow.Table over the mapped file: nothing is copied
    df = shmkit.to_polars("big")           # polars.DataFrame, memory-mapped (pl.read_ipc(..., memory_map=True))
    pdf = shmkit.to_pandas("big")          # pandas.DataFrame with Arrow dtypes (pd.ArrowDtype)
    import duckdb; duckdb.sql("select sum(x0) from t")   # DuckDB scans the Arrow table in place

Where the space lives (as ``dev.shmkit.space.SpaceOptions``): ``$SHMKIT_DIR`` if set, else
``/dev/shm/shmkit-<user>`` when /dev/shm has at least 64 MiB free, else ``/tmp/shmkit-<user>``;
the space is the sub-directory ``$SHMKIT_SPACE`` (default ``default``). Python's ``SHMKIT_DIR`` plays
the role of Java's ``-Dshmkit.dir``.
"""
import getpass
import os
import re

__all__ = ["base_directory", "space_directory", "entries", "path", "open", "to_polars", "to_pandas",
           "EntryNotFoundError"]

# Same as SpaceOptions.MIN_SHM_FREE: a nearly full /dev/shm is skipped, by Java and so here.
MIN_SHM_FREE = 64 << 20
DEFAULT_SPACE = "default"
# Same as SegmentFile.FILE / NAME: names are parsed from the right, so a name may contain dots.
_FILE = re.compile(r"(.+)\.v(\d{1,18})\.p(\d{1,18})\.([a-z]+)")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,128}")
# A republish between listing and mapping moves the old version away; listing again finds the new one.
_OPEN_TRIES = 3


class EntryNotFoundError(LookupError):
    """No table of that name in the space (the message names the entries there are)."""


def _user():
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "user"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def base_directory():
    """The directory above all spaces: $SHMKIT_DIR, /dev/shm/shmkit-<user> if /dev/shm has room, else /tmp."""
    explicit = os.environ.get("SHMKIT_DIR")
    if explicit and explicit.strip():
        return os.path.abspath(explicit)
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK):
        st = os.statvfs(shm)
        if st.f_bavail * st.f_frsize >= MIN_SHM_FREE:
            return os.path.join(shm, "shmkit-" + _user())
    return os.path.join("/tmp", "shmkit-" + _user())  # Java's java.io.tmpdir on Linux


def _validate(name, what):
    if not isinstance(name, str) or not _NAME.fullmatch(name) or ".." in name or name.startswith("."):
        raise ValueError(f"invalid {what} name {name!r}: names are 1 to 128 characters of [A-Za-z0-9_.-], "
                         "must not start with '.' nor contain '..'")
    return name


def space_directory(space=None, directory=None):
    """The directory of a space: ``directory`` if given, else ``<base>/<space>`` ($SHMKIT_SPACE, default 'default')."""
    if directory is not None:
        return os.path.abspath(directory)
    space = space if space is not None else os.environ.get("SHMKIT_SPACE", DEFAULT_SPACE)
    return os.path.join(base_directory(), _validate(space, "space"))


def entries(space=None, directory=None):
    """{name: (version, path)} of the current version of every table of the space; {} if there is no such space."""
    d = space_directory(space, directory)
    current = {}
    try:
        names = os.listdir(d)
    except FileNotFoundError:
        return current
    for f in names:
        m = _FILE.fullmatch(f)
        if not m or m.group(4) != "arrow" or not _NAME.fullmatch(m.group(1)):
            continue
        name, version = m.group(1), int(m.group(2))
        if name not in current or current[name][0] < version:
            current[name] = (version, os.path.join(d, f))
    return current


def path(name, space=None, directory=None):
    """The file of the current version of table ``name``: what pyarrow, polars or DuckDB can open."""
    _validate(name, "entry")
    found = entries(space, directory)
    if name not in found:
        d = space_directory(space, directory)
        there = ", ".join(sorted(found)) or "none"
        hint = "" if os.path.isdir(d) else " (the directory does not exist: nothing was published there)"
        raise EntryNotFoundError(f"no table {name!r} in space {d}{hint}; tables there: {there}; "
                                 f"publish it from Java first, e.g. %share df as {name}")
    return found[name][1]


def _under_space_lock(d, read, p):
    """read(p) holding the space's lock, as Java maps a version: a file nobody maps may be recycled (its pages
    overwritten by the next publish) once renamed away, so it must be mapped before the lock is released."""
    import fcntl
    try:
        fd = os.open(os.path.join(d, ".lock"), os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return read(p)  # no lock file (an older space, or not shmkit's): nothing recycles there either
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH)  # a POSIX record lock, the one Java's FileChannel.lock takes exclusively
        return read(p)
    finally:
        os.close(fd)


def _retry(name, space, directory, read):
    for attempt in range(_OPEN_TRIES):
        p = path(name, space, directory)
        try:
            return _under_space_lock(os.path.dirname(p), read, p)
        except FileNotFoundError:
            if attempt == _OPEN_TRIES - 1:
                raise
    raise AssertionError("unreachable")


def open(name, space=None, directory=None):  # noqa: A001 - shmkit.open reads like the API it is
    """The current version of table ``name`` as a pyarrow.Table over the memory-mapped file (zero-copy).

    The mapping stays valid while the table lives, even if Java publishes a new version meanwhile
    (shmkit keeps a version that some process maps); open again to see the new one.
    """
    import pyarrow as pa

    def read(p):
        with pa.memory_map(p, "r") as source:
            return pa.ipc.open_file(source).read_all()

    return _retry(name, space, directory, read)


def to_polars(name, space=None, directory=None):
    """The current version of ``name`` as a polars.DataFrame, memory-mapped (``pl.read_ipc(path, memory_map=True)``)."""
    import polars as pl
    return _retry(name, space, directory, lambda p: pl.read_ipc(p, memory_map=True))


def to_pandas(name, space=None, directory=None):
    """The current version of ``name`` as a pandas.DataFrame whose columns keep Arrow dtypes (``pd.ArrowDtype``)."""
    import pandas as pd
    return open(name, space, directory).to_pandas(types_mapper=pd.ArrowDtype)
