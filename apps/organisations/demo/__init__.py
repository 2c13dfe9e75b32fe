"""Demo data: a fictional Kabupaten with a realistic organisation, and a small second Pemda.

Everything is created through apps.organisations.services (the tree is never bulk-written, see
docs/decisions/0001-mptt-serialised-writes.md), inside one transaction, from a fixed random seed:
two loads give the same names, NIPs and structure. Loading is idempotent: when the demo Pemda
exists, nothing is written. The names of both Pemda, of their places and of every person are
invented.
"""

from apps.organisations.demo.loader import (
    DEMO_PASSWORD,
    DEMO_USERS,
    PEMDA_NAME,
    SECOND_PEMDA_NAME,
    DemoResult,
    DemoUser,
    demo_exists,
    load_demo,
)

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "PEMDA_NAME",
    "SECOND_PEMDA_NAME",
    "DemoResult",
    "DemoUser",
    "demo_exists",
    "load_demo",
]
