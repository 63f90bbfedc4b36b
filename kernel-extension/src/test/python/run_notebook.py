"""Execute a notebook with nbclient and write the executed notebook.

usage: run_notebook.py NOTEBOOK OUT KERNEL_NAME [WORK_DIR]

The kernel starts in WORK_DIR (default: the notebook's directory), as it does under Jupyter.
Cells tagged "interrupt" get a 3 s timeout, after which nbclient sends the kernel an
interrupt_request (interrupt_on_timeout) and goes on with the next cell; every other cell
gets 120 s. Errors are recorded in the outputs (allow_errors) for the caller to check.

Like JupyterLab, it also sends the kernel the requests a front end sends when it connects
(kernel_info, comm_info, history, is_complete, inspect, complete) and, after the last cell, a
history request; the replies (or "no reply") go to the notebook's metadata "shmkit_requests".
"""
import os
import sys
import time

import asyncio

import nbformat
from nbclient import NotebookClient


def timeout_for(cell):
    return 3 if "interrupt" in cell.get("metadata", {}).get("tags", []) else 120


# Seconds a front end waits for a reply; JupyterLab shows the kernel as "Unknown" when none comes.
REPLY_TIMEOUT = 10


async def ask(kc, name, call):
    try:
        reply = await asyncio.wait_for(call(kc), REPLY_TIMEOUT)
        return reply["content"]
    except (asyncio.TimeoutError, TimeoutError):
        return {"status": "no reply", "request": name}


STARTUP_REQUESTS = {
    "kernel_info": lambda kc: kc.kernel_info(reply=True, timeout=REPLY_TIMEOUT),
    "comm_info": lambda kc: kc.comm_info(reply=True, timeout=REPLY_TIMEOUT),
    "history": lambda kc: kc.history(hist_access_type="tail", n=100, output=False, raw=True, reply=True,
                                     timeout=REPLY_TIMEOUT),
    "is_complete": lambda kc: kc.is_complete("int x = 1", reply=True, timeout=REPLY_TIMEOUT),
    "inspect": lambda kc: kc.inspect("Math.max(1, 2)", 5, reply=True, timeout=REPLY_TIMEOUT),
    "complete": lambda kc: kc.complete("Math.ma", 7, reply=True, timeout=REPLY_TIMEOUT),
}


def main(src, out, kernel_name, work_dir=None):
    nb = nbformat.read(src, as_version=4)
    work_dir = work_dir or os.path.dirname(os.path.abspath(src))
    client = NotebookClient(nb, kernel_name=kernel_name, allow_errors=True,
                            timeout_func=timeout_for, interrupt_on_timeout=True,
                            startup_timeout=60, iopub_timeout=10,
                            resources={"metadata": {"path": work_dir}})
    requests = {}

    async def on_start(notebook):
        for name, call in STARTUP_REQUESTS.items():
            requests[name] = await ask(client.kc, name, call)

    async def on_cell(cell, cell_index, execute_reply):
        if cell_index == len(nb.cells) - 1:
            requests["history_after"] = await ask(client.kc, "history", STARTUP_REQUESTS["history"])

    client.on_notebook_start = on_start
    client.on_cell_executed = on_cell
    t0 = time.monotonic()
    client.execute()
    nb.metadata["shmkit_requests"] = requests
    print(f"{os.path.basename(src)}: executed {len(nb.cells)} cells in {time.monotonic() - t0:.1f} s", flush=True)
    nbformat.write(nb, out)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
