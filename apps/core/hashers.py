"""The password hasher: Argon2id with OWASP's parameters for a server's sign-ins."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class SakipArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with one lane, 46 MiB and one pass: the first of the configurations the OWASP
    Password Storage Cheat Sheet recommends (m=47104, t=1, p=1). Django's own default (eight
    lanes, 100 MiB, two passes) spreads one hash over eight threads: on a 2-core server each
    sign-in held both cores for 0.2 s (0.34 s of CPU), and a morning's burst of sign-ins queued
    every other request behind them; one lane costs 0.1 s of one core. The algorithm name is
    Django's, so hashes made with its parameters still verify, and are re-hashed with these at
    the user's next sign-in (`must_update`)."""

    time_cost = 1
    memory_cost = 47104
    parallelism = 1
