"""The load run of `make bench`: simulated users clicking through SAKIP as their role does.

bench/run.py starts gunicorn and then `locust --headless -f bench/locustfile.py`, with
BENCH_USERS_FILE naming a JSON list of {"username", "role", "urls": [[url, label, weight], …]} built
from the bench database (each user's own OPD pages, checked to answer 200 before the run) and
BENCH_PASSWORD the password the harness set for them (bench database only). Anonymous visitors
("role": "public", no username) read the portal. Each simulated user signs in once through the
real login form (CSRF token and all), then clicks its pages with BENCH_THINK_SECONDS (3–10 s by
default) of reading in between: an operator types a quarter's values into the grid for minutes
before saving, a planner reads a dashboard before the next, so even 3–10 s is a brisk pace.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

with open(os.environ["BENCH_USERS_FILE"], encoding="utf-8") as _file:
    PROFILES = json.load(_file)
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
_THINK = [float(x) for x in os.environ.get("BENCH_THINK_SECONDS", "3-10").split("-")]
_next_profile = itertools.cycle(PROFILES)


class SakipUser(HttpUser):
    wait_time = between(_THINK[0], _THINK[-1])

    def on_start(self) -> None:
        self.profile = next(_next_profile)
        # Requests are grouped by page kind (the label), not by each OPD's URL.
        self.pages = [(url, label) for url, label, _w in self.profile["urls"]]
        self.weights = [w for _u, _l, w in self.profile["urls"]]
        if not self.profile.get("username"):
            return
        page = self.client.get("/accounts/login/", name="login page")
        match = CSRF.search(page.text)
        token = match.group(1) if match else ""
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.profile["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {self.profile['username']}: {response.status_code}")

    @task
    def click(self) -> None:
        url, label = random.choices(self.pages, weights=self.weights)[0]
        with self.client.get(
            url, name=label, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{url}: {response.status_code}")
