"""Headless Chromium driven over the DevTools protocol on a pipe (no debugging port is opened).

The report's browser test needs more than `--dump-dom`: the layout (is the
chart drawn, is a highlighted finding on screen and not covered), every request
the page makes, and a screenshot, all from one short browser run. The protocol
is JSON messages separated by NUL bytes on file descriptors 3 (to the browser)
and 4 (from it).

The browser is started with background networking off and a proxy that is a
local listener (`ConnectionRecorder`), with loopback not bypassed: any request
the page or the browser makes over the network reaches the recorder.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

# What Chromium itself still fetches with background networking off (seen with Chromium 156 on Debian): the
# network time, the component updater and the Google account endpoints. Turned off or pointed at nowhere, so
# that any connection the recorder sees comes from the page.
QUIET = (
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,OptimizationGuideModelDownloading,Translate,"
    "MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
    "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
    "--disable-field-trial-config", "--disable-breakpad", "--safebrowsing-disable-auto-update",
    "--component-updater=url-source=http://0.0.0.0:9/", "--gaia-url=http://0.0.0.0:9/",
    "--lso-url=http://0.0.0.0:9/", "--google-base-url=http://0.0.0.0:9/",
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _above_nine(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class ConnectionRecorder:
    """A TCP listener on 127.0.0.1 that records the first bytes of every connection and answers nothing."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(1)
                try:
                    self.received.append(connection.recv(512) or b"<connected>")
                except OSError:
                    self.received.append(b"<connected>")

    def close(self) -> None:
        self.server.close()


class Browser:
    def __init__(self, executable: str, profile: Path, proxy_port: int, timeout: float = 30) -> None:
        """`profile` is a new folder for the browser's profile; its log goes to `chromium.log` beside it."""
        self.timeout = timeout
        self.log = profile.parent / "chromium.log"
        to_browser_read, to_browser_write = os.pipe()
        from_browser_read, from_browser_write = os.pipe()
        # The browser's ends move above 9 first: were one of them 3 or 4 already, the redirections below
        # would overwrite it before it is read.
        to_browser_read, from_browser_write = _above_nine(to_browser_read), _above_nine(from_browser_write)
        arguments = [
            "--headless=new", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
            "--mute-audio", "--hide-scrollbars", f"--proxy-server=127.0.0.1:{proxy_port}",
            "--proxy-bypass-list=<-loopback>", f"--user-data-dir={profile}", *QUIET, "about:blank",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            arguments.insert(0, "--no-sandbox")  # the sandbox refuses to run as root
        # bash puts the pipe ends on 3 and 4, where --remote-debugging-pipe expects them (dash takes only
        # one-digit descriptors in a redirection).
        script = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write}'
        self.process = subprocess.Popen(
            [shutil.which("bash") or "bash", "-c", script, executable, *arguments], pass_fds=(to_browser_read, from_browser_write),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log.open("wb"),
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._out = to_browser_write
        self._in = from_browser_read
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (OSError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str | None = None) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return event

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)


class Page:
    """One tab, attached for the protocol's page, network and runtime domains."""

    def __init__(self, browser: Browser, width: int, height: int) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            browser.call(f"{domain}.enable", session=self.session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, self.session)

    def open(self, url: str) -> None:
        self.browser.call("Page.navigate", {"url": url}, self.session)
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression: str) -> Any:
        result = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                         "awaitPromise": True}, self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        data = self.browser.call("Page.captureScreenshot", {"format": "png"}, self.session)["data"]
        path.write_bytes(base64.b64decode(data))

    def requested_urls(self) -> list[str]:
        return [event["params"]["request"]["url"] for event in self.browser.events
                if event.get("method") == "Network.requestWillBeSent"]

    def console_errors(self) -> list[str]:
        errors = [str(event["params"]["exceptionDetails"]) for event in self.browser.events
                  if event.get("method") == "Runtime.exceptionThrown"]
        errors += [str(event["params"]["args"]) for event in self.browser.events
                   if event.get("method") == "Runtime.consoleAPICalled" and event["params"].get("type") == "error"]
        return errors
