"""Run one notebook headless with nbclient (as the kernel ITs do) and report its failing cells.

usage: check_notebook.py NOTEBOOK KERNEL_NAME WORK_DIR
Exit 0 when every cell ran without error (cells tagged "raises-expected" must fail, and may),
1 with one line per failing cell otherwise. Used by ./shmkit workshop check.
"""
import sys
import time

import nbformat
from nbclient import NotebookClient


def main(src, kernel_name, work_dir):
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel_name, allow_errors=True, timeout=180,
                            startup_timeout=60, resources={"metadata": {"path": work_dir}})
    t0 = time.monotonic()
    client.execute()
    bad = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        expected = "raises-expected" in cell.get("metadata", {}).get("tags", [])
        if errors and not expected:
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            bad.append(f"cell {i} ({first[:60]}): {errors[0].get('ename')}: {errors[0].get('evalue', '')[:400]}")
    print(f"ran {len(nb.cells)} cells in {time.monotonic() - t0:.1f} s")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
