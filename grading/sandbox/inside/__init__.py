"""What runs inside the sandbox: the warm worker, the judge and the student process.

This folder is all the sandbox sees of the grading package (bound read-only at
/sandbox/inside), so it imports only the standard library, IPython and the
libraries the sheets use, and its modules import each other relatively.

    worker   the warm process: imports the libraries once, forks per notebook
    zygote   a pristine fork of the worker that never sees a request: parent of every student process
    judge    runs the test cells; no student code ever runs in it
    student  runs the student's cells and answers the judge's requests
    peer     the request/reply protocol between judge and student, with proxies for what cannot be copied
    values   values by copy (no pickle from the student), rebuilt as exactly the library's own types
    frames   length-prefixed frames on a socket, with a size cap
    cells    running one cell in an IPython shell: output capture, limits, errors
    bridge   torch gradients through calls across the two processes
"""
