"""Writing the report file: atomically, and readable like any file the user creates.

`jalint.fixes.write_atomically` (temporary file and rename, as `--fix` writes)
keeps the mode of the file it replaces; a report is usually a new file, which
would otherwise keep the temporary file's owner-only mode and not open for a
colleague or a web server serving the CI artefacts.
"""

from __future__ import annotations

import os
from pathlib import Path

from jalint.fixes import write_atomically


def write_report(path: Path, data: bytes) -> None:
    existed = path.exists()
    write_atomically(path, data)
    if not existed:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(os.path.realpath(path), 0o666 & ~mask)
