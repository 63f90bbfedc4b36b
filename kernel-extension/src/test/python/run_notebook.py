"""Execute a notebook with nbclient and write the executed notebook.

usage: run_notebook.py NOTEBOOK OUT KERNEL_NAME

Cells tagged "interrupt" get a 3 s timeout, after which nbclient sends the kernel an
interrupt_request (interrupt_on_timeout) and goes on with the next cell; every other cell
gets 60 s. Errors are recorded in the outputs (allow_errors) for the caller to check.
"""
import sys

import nbformat
from nbclient import NotebookClient


def timeout_for(cell):
    return 3 if "interrupt" in cell.get("metadata", {}).get("tags", []) else 60


def main(src, out, kernel_name):
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel_name, allow_errors=True,
                            timeout_func=timeout_for, interrupt_on_timeout=True,
                            startup_timeout=60, iopub_timeout=10)
    client.execute()
    nbformat.write(nb, out)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
