"""Reads table NAME through the shmkit Python module (PYTHONPATH, SHMKIT_DIR set by the Java test).

Prints tab-separated facts, one per line, for the Java test to check:
  path, pyarrow rows/sum/zero-copy, polars sum/mapped, pandas dtypes/sum, the error for a missing name,
  and whether asking for a missing space created its directory.
"""
import os
import sys

import shmkit


def mappings_of(path):
    """(start, end) of every mapping of path in this process, read from the operating system."""
    ranges = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split(None, 5)
            if len(parts) == 6 and parts[5].strip() == path:
                start, end = (int(x, 16) for x in parts[0].split("-"))
                ranges.append((start, end))
    return ranges


def main(name):
    p = shmkit.path(name)
    print(f"path\t{p}")

    t = shmkit.open(name)
    x = t.column("x")
    buf = x.chunk(0).buffers()[1]
    inside = any(s <= buf.address and buf.address + buf.size <= e for s, e in mappings_of(p))
    print(f"pyarrow\t{t.num_rows}\t{x.to_pylist()[-1]}\t{sum(x.to_pylist()):.0f}\t{inside}")
    print(f"strings\t{t.column('s').type}\t{t.column('s')[1].as_py()}")

    import polars as pl
    df = shmkit.to_polars(name)
    print(f"polars\t{df.height}\t{df['x'].sum():.0f}\t{len(mappings_of(p)) > 0}\t{df['s'][1]}")

    import pandas as pd
    pdf = shmkit.to_pandas(name)
    print(f"pandas\t{len(pdf)}\t{pdf['x'].dtype}\t{pdf['x'].sum():.0f}\t{isinstance(pdf['x'].dtype, pd.ArrowDtype)}")

    try:
        shmkit.open("nosuch")
        print("missing\tno error")
    except shmkit.EntryNotFoundError as e:
        print(f"missing\t{e}")

    try:
        shmkit.open(name, space="nospace")
    except shmkit.EntryNotFoundError:
        pass
    print(f"created\t{os.path.exists(os.path.join(shmkit.base_directory(), 'nospace'))}")


if __name__ == "__main__":
    main(sys.argv[1])
