"""Prints every column of an Arrow IPC file read with pyarrow.ipc.open_file(pyarrow.memory_map(path)).

One line per column: name, type, then one token per value, tab-separated. Tokens: null, true/false,
integers, f<bits of the float64>, s<string>; temporal values as their raw stored integers.
"""
import struct
import sys

import pyarrow as pa

sys.stdout.reconfigure(encoding="utf-8")
reader = pa.ipc.open_file(pa.memory_map(sys.argv[1]))
table = reader.read_all()
meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
print("meta\t" + "\t".join(f"{k}={v}" for k, v in sorted(meta.items())))
for name in table.column_names:
    col = table.column(name).combine_chunks()
    t = col.type
    if pa.types.is_temporal(t):
        raw = col.cast(pa.int32() if t.bit_width == 32 else pa.int64())
        values = ["null" if v is None else str(v) for v in raw.to_pylist()]
    else:
        values = []
        for v in col.to_pylist():
            if v is None:
                values.append("null")
            elif isinstance(v, bool):
                values.append("true" if v else "false")
            elif isinstance(v, float):
                values.append("f" + str(struct.unpack("<q", struct.pack("<d", v))[0]))
            elif isinstance(v, int):
                values.append(str(v))
            else:
                values.append("s" + v)
    print("\t".join([name, str(t)] + values))
