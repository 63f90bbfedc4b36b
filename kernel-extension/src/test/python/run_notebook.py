"""Execute a notebook with nbclient and write the executed notebook.

usage: run_notebook.py NOTEBOOK OUT KERNEL_NAME [WORK_DIR]

The kernel starts in WORK_DIR (default: the notebook's directory), as it does under Jupyter.
Cells tagged "interrupt" get a 3 s timeout, after which nbclient sends the kernel an
interrupt_request (interrupt_on_timeout) and goes on with the next cell; every other cell
gets 120 s. Errors are recorded in the outputs (allow_errors) for the caller to check.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def timeout_for(cell):
    return 3 if "interrupt" in cell.get("metadata", {}).get("tags", []) else 120


def main(src, out, kernel_name, work_dir=None):
    nb = nbformat.read(src, as_version=4)
    work_dir = work_dir or os.path.dirname(os.path.abspath(src))
    client = NotebookClient(nb, kernel_name=kernel_name, allow_errors=True,
                            timeout_func=timeout_for, interrupt_on_timeout=True,
                            startup_timeout=60, iopub_timeout=10,
                            resources={"metadata": {"path": work_dir}})
    t0 = time.monotonic()
    client.execute()
    print(f"{os.path.basename(src)}: executed {len(nb.cells)} cells in {time.monotonic() - t0:.1f} s", flush=True)
    nbformat.write(nb, out)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
