# Reads a table shmkit's workers wrote in place and sealed: row count, types, exact sum, last value, writers.
import sys

import pyarrow as pa
import pyarrow.compute as pc

with pa.memory_map(sys.argv[1]) as source:
    table = pa.ipc.open_file(source).read_all()
    print(table.num_rows)
    print(table.schema.field("y").type, table.schema.field("w").type)
    print(repr(pc.sum(table["y"]).as_py()))
    print(table["y"][table.num_rows - 1].as_py())
    print(len(pc.unique(table["w"])))
    print(table["y"].null_count)
