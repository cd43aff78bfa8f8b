"""The HTTP service: POST /predict with one input record answers the model's
prediction (or the fallback's, saying so); GET /healthz says which model
version is pinned. Standard library only."""

import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional

from .model import (
    DriftMonitor,
    InputValidationError,
    ModelClient,
    ModelConfig,
    ModelUnavailableError,
    validate_input,
)

MAX_BODY_BYTES = 1_000_000
log = logging.getLogger("service")


def create_server(
    config: ModelConfig,
    client: ModelClient,
    drift: Optional[DriftMonitor] = None,
    host: str = "0.0.0.0",
    port: int = 8080,
) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: Any) -> None:
            payload = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path != "/healthz":
                self._send(404, {"error": "Not found: use POST /predict or GET /healthz"})
                return
            self._send(
                200,
                {
                    "status": "ok",
                    "model": config.model_ref,
                    "version": config.version,
                    "fallback": config.fallback.model_ref if config.fallback else None,
                },
            )

        def do_POST(self) -> None:  # noqa: N802
            if self.path != "/predict":
                self._send(404, {"error": "Not found: use POST /predict or GET /healthz"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                self._send(413, {"error": f"the body is larger than {MAX_BODY_BYTES} bytes"})
                return
            try:
                body = json.loads(self.rfile.read(length) or b"null")
            except ValueError:
                self._send(400, {"error": "the body must be JSON"})
                return
            try:
                model_input = validate_input(body)
            except InputValidationError as error:
                self._send(400, {"error": str(error)})
                return
            if drift is not None:
                drift.record(model_input)
            try:
                prediction = client.predict(model_input)
            except ModelUnavailableError as error:
                log.warning("%s", error)
                self._send(503, {"error": str(error)})
                return
            self._send(
                200,
                {
                    "output": prediction.output,
                    "servedBy": prediction.served_by,
                    "modelRef": prediction.model_ref,
                    "version": prediction.version,
                },
            )

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            log.debug(format, *args)

    return ThreadingHTTPServer((host, port), Handler)
