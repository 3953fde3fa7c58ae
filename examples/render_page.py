"""Open an HTML file in headless Chromium and save full-page screenshots and an A4 PDF.

    python examples/render_page.py PAGE.html OUTDIR [WIDTH ...]

Writes OUTDIR/<page file name>-<width>.png for each width (default 390 and 1280: a phone and
a desktop), the whole page, and -<width>-top.png, its first screens; and OUTDIR/<page file
name>.pdf (printed with the page's own @page sizes).
Chromium's command line captures only the window, not the whole page, so this speaks its
DevTools protocol over a pipe (--remote-debugging-pipe: no port, no network). Run as root it
needs --no-sandbox.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


class Browser:
    def __init__(self, binary: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # Chromium reads commands on fd 3 and answers on fd 4
            high_r, high_w = os.dup(to_child_r), os.dup(from_child_w)  # clear of 3 and 4
            os.dup2(high_r, 3)  # dup2 makes them inheritable (a pipe's own fds are not)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=fds,
            close_fds=False,  # fds 3 and 4, set up above, stay open
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if os.environ.get("QUIET", "1") == "1" else None,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._reader = os.fdopen(self._from_child, "rb")
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._next()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str) -> None:
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._next())
        self.events.clear()

    def _next(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = self._reader.read1(1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(raw))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)


def main(page: Path, out: Path, widths: list[int]) -> None:
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    out.mkdir(parents=True, exist_ok=True)
    url = page.resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(binary, profile)
        try:
            target = browser.send("Target.createTarget", url="about:blank")["targetId"]
            session = browser.send("Target.attachToTarget", targetId=target, flatten=True)[
                "sessionId"
            ]
            browser.send("Page.enable", session)
            for width in widths:
                browser.send("Emulation.setDeviceMetricsOverride", session, width=width,
                             height=800, deviceScaleFactor=1, mobile=width < 600)  # fmt: skip
                browser.send("Page.navigate", session, url=url)
                browser.wait_for("Page.loadEventFired")
                metrics = browser.send("Page.getLayoutMetrics", session)
                height = int(metrics["cssContentSize"]["height"]) + 1
                browser.send("Emulation.setDeviceMetricsOverride", session, width=width,
                             height=height, deviceScaleFactor=1, mobile=width < 600)  # fmt: skip
                shot = browser.send("Page.captureScreenshot", session, format="png",
                                    captureBeyondViewport=True)  # fmt: skip
                target_png = out / f"{page.name}-{width}.png"
                target_png.write_bytes(base64.b64decode(shot["data"]))
                print(target_png, f"{width}x{height}")
                # and its first screens, a picture small enough for the README
                top = min(height, 1700 if width < 600 else 1400)
                clip = {"x": 0, "y": 0, "width": width, "height": top, "scale": 1}
                shot = browser.send("Page.captureScreenshot", session, format="png", clip=clip,
                                    captureBeyondViewport=True)  # fmt: skip
                target_png = out / f"{page.name}-{width}-top.png"
                target_png.write_bytes(base64.b64decode(shot["data"]))
                print(target_png, f"{width}x{top}")
            browser.send("Emulation.clearDeviceMetricsOverride", session)
            pdf = browser.send("Page.printToPDF", session, printBackground=True,
                               preferCSSPageSize=True)  # fmt: skip
            target_pdf = out / f"{page.name}.pdf"
            target_pdf.write_bytes(base64.b64decode(pdf["data"]))
            print(target_pdf)
        finally:
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), [int(w) for w in sys.argv[3:]] or [390, 1280])
