"""Writes Arrow IPC files with pyarrow.ipc.new_file into the directory argv[1]:
all_types.arrow (every type shmkit reads, with nulls), and files shmkit must refuse:
two_batches.arrow, compressed.arrow, unsigned.arrow."""
import datetime as dt
import sys
from pathlib import Path

import pyarrow as pa

out = Path(sys.argv[1])
nan = float("nan")


def write(name, table, **options):
    with pa.ipc.new_file(str(out / name), table.schema, options=pa.ipc.IpcWriteOptions(**options)) as w:
        w.write_table(table)


utc = dt.timezone.utc
columns = {
    "i8": pa.array([1, None, -128], pa.int8()),
    "i16": pa.array([-32768, 7, None], pa.int16()),
    "i32": pa.array([None, 2147483647, -5], pa.int32()),
    "i64": pa.array([9007199254740993, None, -1], pa.int64()),
    "f32": pa.array([1.5, None, -0.25], pa.float32()),
    "f64": pa.array([0.1, None, nan], pa.float64()),
    "b": pa.array([True, None, False]),
    "utf8": pa.array(["a", None, "é€"], pa.string()),
    "large": pa.array(["", "xyz", None], pa.large_string()),
    "dict32": pa.array(["red", None, "red"]).dictionary_encode(),
    "dict8": pa.DictionaryArray.from_arrays(pa.array([1, 0, None], pa.int8()), pa.array(["lo", "hi"])),
    "date32": pa.array([dt.date(2020, 1, 2), None, dt.date(1900, 3, 4)], pa.date32()),
    "date64": pa.array([dt.date(1969, 12, 31), dt.date(2038, 1, 19), None], pa.date64()),
    "t_s": pa.array([3661, None, 0], pa.time32("s")),
    "t_ms": pa.array([3661001, 86399999, None], pa.time32("ms")),
    "t_us": pa.array([None, 1, 86399999999], pa.time64("us")),
    "t_ns": pa.array([1, None, 86399999999999], pa.time64("ns")),
    "ts_s": pa.array([0, -1, None], pa.timestamp("s")),
    "ts_ms": pa.array([1700000000123, None, -86400001], pa.timestamp("ms")),
    "ts_us": pa.array([1700000000123456, -1, None], pa.timestamp("us")),
    "ts_ns": pa.array([None, 1700000000123456789, -1], pa.timestamp("ns")),
    "ts_ns_utc": pa.array([1700000000123456789, None, 5], pa.timestamp("ns", tz="UTC")),
    "ts_us_paris": pa.array([None, 1700000000123456, 0], pa.timestamp("us", tz="Europe/Paris")),
}
table = pa.table(columns).replace_schema_metadata({"origin": "pyarrow"})
write("all_types.arrow", table)

small = pa.table({"x": pa.array([1.0, 2.0, 3.0])})
with pa.ipc.new_file(str(out / "two_batches.arrow"), small.schema) as w:
    w.write_table(small)
    w.write_table(small)
write("compressed.arrow", small, compression="zstd")
write("unsigned.arrow", pa.table({"u": pa.array([1, 2], pa.uint32())}))
