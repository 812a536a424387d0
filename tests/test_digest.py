"""jalint.digest's blake2b gives hashlib's digests: fingerprints in baselines must not change."""

from __future__ import annotations

import hashlib

from jalint.digest import blake2b


def test_the_same_digests_as_hashlib() -> None:
    for text, size in ((b"", 8), ("本文の一文。".encode(), 8), (b"corpus\0x" * 100, 20), (b"v1", 16)):
        assert blake2b(text, digest_size=size).hexdigest() == hashlib.blake2b(text, digest_size=size).hexdigest()
    streamed = blake2b(digest_size=20)
    streamed.update(b"ab")
    streamed.update(b"cd")
    assert streamed.hexdigest() == hashlib.blake2b(b"abcd", digest_size=20).hexdigest()
