"""jupyterhub-singleuser for the hub's servers, without a second of wasted start-up each.

When rfc3987-syntax is installed, jsonschema imports it, and it compiles some 35 Lark parsers at
import: about a second of CPU for every server (jupyter-server issue 1559), for IRI formats no
Jupyter schema uses. A deadline night starts a hundred servers on a few cores, so they skip it:
jsonschema then leaves those formats unchecked.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # its import now fails at once

from jupyterhub.singleuser import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
