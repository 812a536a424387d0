"""BLAKE2b for fingerprints and cache keys, without loading OpenSSL.

Why: `import hashlib` initialises OpenSSL's `_hashlib` (about 3 ms, a tenth of
what jalint's own modules cost at start-up), yet hashlib's `blake2b` is always
CPython's built-in `_blake2` implementation, never OpenSSL's. Importing it from
there gives the same digests (tests/test_digest.py checks) for less; where a
Python build lacks `_blake2`, hashlib's is used.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation or build
    from hashlib import blake2b

__all__ = ["blake2b"]
