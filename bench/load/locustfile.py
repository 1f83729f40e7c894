"""Locust users for bench/load_test.py: officers walk whole assessments and finalise them;
supervisors search, open records, read the reports and the review queue.

Run by load_test.py (which sets LOAD_PASSWORD, LOAD_RESULTS, LOAD_RUN); not alone. Each officer
gives every walk a unique application number (run tag, user, walk), so the bench can count, in
the database, each decision a finalise was answered with success for.
"""

import itertools
import json
import os
import re
from collections import Counter

from locust import HttpUser, between, events, task

from bench.wizard_steps import DECISION, STEPS

PASSWORD = os.environ.get("LOAD_PASSWORD", "")
RUN = os.environ.get("LOAD_RUN", "0000")
FINALISED: list[str] = []  # application numbers whose decision POST redirected to their decision
STATUSES: Counter = Counter()
SERVER_ERRORS: list[str] = []
_officers, _supervisors = itertools.count(1), itertools.count(1)


@events.request.add_listener
def count(request_type, name, response, exception, **kwargs):
    status = getattr(response, "status_code", 0)
    STATUSES[status] += 1
    if status >= 500:
        SERVER_ERRORS.append(f"{request_type} {name}: {status}")


@events.quitting.add_listener
def dump(environment, **kwargs):
    with open(os.environ["LOAD_RESULTS"], "w") as out:
        json.dump({"finalised": FINALISED, "statuses": {str(k): v for k, v in STATUSES.items()},
                   "server_errors": SERVER_ERRORS}, out)


class DeskUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # an officer reads each page for a moment; 0 would be a flood, not officers

    def get(self, path, name):
        return self.request("GET", path, name=name)

    def request(self, method, path, **kwargs):
        """The cookies are Secure (DEBUG off) and the bench speaks http on 127.0.0.1 (TLS would end
        at a proxy): sent anyway, as wizard_steps.py's client does. (A cookie policy on the jar
        would not do: requests copies the cookies into a fresh jar for each request.)"""
        for cookie in self.client.cookies:
            cookie.secure = False
        return self.client.request(method, path, **kwargs)

    def sign_in(self, username):
        page = self.request("GET", "/en/accounts/login/", name="login page").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        response = self.request("POST", "/en/accounts/login/", name="sign in", allow_redirects=False, data={
            "username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""})
        if response.status_code != 302:
            raise RuntimeError(f"{username} could not sign in: {response.status_code} {sorted(self.client.cookies.keys())}")

    def post(self, path, data, name, expect=None):
        """POST as the form does; a redirect is checked (``expect``: a regex of where to) and followed."""
        with self.request("POST", path, data={"csrfmiddlewaretoken": self.client.cookies.get("csrftoken"), **data},
                              name=name, allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or (expect and not re.search(expect, location)):
                response.failure(f"{response.status_code} to {location or '-'}")
                return None
            response.success()
        self.get(location, name=f"GET after {name}")
        return location


class Officer(DeskUser):
    weight = 3

    def on_start(self):
        self.number = next(_officers)
        self.walks = itertools.count(1)
        self.sign_in(f"load-officer-{self.number}")

    @task
    def assess_and_finalise(self):
        application = f"L{RUN}{self.number:03d}{next(self.walks):04d}"
        location = self.post("/en/assessments/new/", {}, "start", r"/en/assessments/\d+/case/$")
        if location is None:
            return
        base = location.rsplit("/", 2)[0]
        for name, form in STEPS:
            if name == "case":
                form = {**form, "application_number": application}
            if self.post(f"{base}/{name}/", form, name) is None:
                return
        self.get(f"{base}/review/", name="review")
        if self.post(f"{base}/decision/", DECISION, "decision", r"/en/decisions/\d+/$") is not None:
            FINALISED.append(application)


class Supervisor(DeskUser):
    weight = 2

    def on_start(self):
        self.sign_in(f"load-supervisor-{next(_supervisors)}")

    @task(3)
    def search_and_open_a_record(self):
        page = self.get("/en/supervision/decisions/?country=JP", name="search").text
        found = re.findall(r"/en/supervision/decisions/(\d+)/review/", page)  # each result links to its review page
        if found:
            self.get(f"/en/supervision/decisions/{found[len(found) // 2]}/record/", name="record")

    @task(1)
    def reports(self):
        self.get("/en/supervision/reports/", name="reports")

    @task(2)
    def review_queue(self):
        self.get("/en/supervision/", name="review queue")
