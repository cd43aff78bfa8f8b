/*
 * The parts of the Python wiring that are the same for every model (standard
 * library only). No backslashes in here: these are JavaScript strings.
 */

export const PY_INIT = `
from .client import ModelClient, ModelUnavailableError, Prediction, urllib_transport
from .config import FALLBACK_MODEL_REF, MODEL_REF, MODEL_VERSION, ModelConfig, load_model_config
from .drift import DriftMonitor
from .schema import (
    EXAMPLE_INPUT,
    INPUT_COLUMNS,
    OUTPUT_COLUMNS,
    InputValidationError,
    ModelInput,
    ModelOutput,
    validate_input,
)

__all__ = [
    "DriftMonitor",
    "EXAMPLE_INPUT",
    "FALLBACK_MODEL_REF",
    "INPUT_COLUMNS",
    "InputValidationError",
    "MODEL_REF",
    "MODEL_VERSION",
    "ModelClient",
    "ModelConfig",
    "ModelInput",
    "ModelOutput",
    "ModelUnavailableError",
    "OUTPUT_COLUMNS",
    "Prediction",
    "load_model_config",
    "urllib_transport",
    "validate_input",
]
`;

export const PY_CLIENT = `
import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

from .config import ModelConfig
from .schema import OUTPUT_COLUMNS

# (url, body or None for GET, headers, timeout in seconds) -> (status, body)
Transport = Callable[[str, Optional[bytes], Mapping[str, str], float], Tuple[int, bytes]]


def urllib_transport(
    url: str, body: Optional[bytes], headers: Mapping[str, str], timeout: float
) -> Tuple[int, bytes]:
    """HTTP with urllib: POST when there is a body, GET otherwise."""
    request = urllib.request.Request(
        url, data=body, headers=dict(headers), method="GET" if body is None else "POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass(frozen=True)
class Prediction:
    """One answer, and who gave it: the pinned model or its fallback."""

    output: Dict[str, Any]
    served_by: str  # "primary" or "fallback"
    model_ref: str
    version: Optional[str] = None


class ModelUnavailableError(RuntimeError):
    """Neither the model nor its fallback could answer."""


def _to_output(body: Any) -> Dict[str, Any]:
    predictions = body.get("predictions") if isinstance(body, dict) else None
    if not isinstance(predictions, list) or not predictions:
        raise ValueError("the answer has no predictions")
    first = predictions[0]
    if isinstance(first, dict):
        return first
    name = OUTPUT_COLUMNS[0]["name"] if len(OUTPUT_COLUMNS) == 1 else "prediction"
    return {name: first}


class ModelClient:
    """Calls the pinned model version; on an error, a non-2xx answer or a
    timeout it calls the fallback model. Requests follow MLflow's scoring
    protocol: POST {"dataframe_records": [input]}, answer {"predictions": [...]};
    the pinned version goes along in the X-Model-Version header."""

    def __init__(
        self,
        config: ModelConfig,
        transport: Optional[Transport] = None,
        on_fallback: Optional[Callable[[Exception], None]] = None,
        max_workers: int = 8,
    ) -> None:
        self._config = config
        self._transport = transport or urllib_transport
        self._on_fallback = on_fallback
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="model-client")

    def predict(self, model_input: Mapping[str, Any]) -> Prediction:
        config = self._config
        try:
            output = self._call(config.endpoint, model_input, config.version)
            return Prediction(output, "primary", config.model_ref, config.version)
        except Exception as error:  # any failure of the model goes to the fallback
            reason = f"{config.model_ref} {config.version} {error}"
            fallback = config.fallback
            if fallback is None or not fallback.endpoint:
                raise ModelUnavailableError(
                    f"{reason} and no fallback endpoint is configured"
                ) from error
            if self._on_fallback:
                self._on_fallback(error)
            try:
                output = self._call(fallback.endpoint, model_input)
            except Exception as fallback_error:
                raise ModelUnavailableError(
                    f"{reason}, and the fallback {fallback.model_ref} {fallback_error}"
                ) from fallback_error
            return Prediction(output, "fallback", fallback.model_ref)

    def _call(
        self, endpoint: str, model_input: Mapping[str, Any], version: Optional[str] = None
    ) -> Dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        if version:
            headers["X-Model-Version"] = version
        body = json.dumps({"dataframe_records": [dict(model_input)]}).encode("utf-8")
        timeout = self._config.timeout_s
        future = self._pool.submit(self._transport, endpoint, body, headers, timeout)
        try:
            status, payload = future.result(timeout=timeout)
        except FutureTimeout:
            raise TimeoutError(f"timed out after {int(timeout * 1000)} ms") from None
        if not 200 <= status < 300:
            raise RuntimeError(f"answered {status}")
        return _to_output(json.loads(payload.decode("utf-8")))

    def close(self) -> None:
        self._pool.shutdown(wait=False)
`;

export const PY_DRIFT = `
import json
import threading
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Mapping, Optional
from urllib.parse import quote

from .client import Transport, urllib_transport
from .config import ModelConfig


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


class DriftMonitor:
    """The drift hook: collects the inputs the service sees and reports each
    window to Model Hub as raw rows (POST .../versions/{version}/drift-reports
    with {"environment", "windowStart", "windowEnd", "rows"}).

    Why rows and not a profile: the drift engine's profile format (quantile
    sketches, histograms on the reference's bin edges) has no standard-library
    Python implementation, and Model Hub accepts raw rows too; it compares them
    with the version's reference exactly. The rows hold the model's input
    columns only; keep windows small (window_rows) to stay under the backend's
    request size limit (modelHub.maxRequestBodySize)."""

    def __init__(
        self,
        config: ModelConfig,
        window_rows: int = 1000,
        interval_s: float = 900.0,
        min_rows: int = 30,
        transport: Optional[Transport] = None,
        log: Optional[Callable[[str], None]] = None,
        now: Optional[Callable[[], datetime]] = None,
    ) -> None:
        self._config = config
        self._window_rows = window_rows
        self._interval_s = interval_s
        self._min_rows = min_rows
        self._transport = transport or urllib_transport
        self._log = log or print
        self._now = now or _utcnow
        self._rows: List[Dict[str, Any]] = []
        self._window_start: Optional[datetime] = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: Optional[threading.Thread] = None

    @property
    def report_url(self) -> str:
        namespace, name = self._config.model_ref.split(":", 1)[1].split("/", 1)
        return (
            f"{self._config.model_hub_url}/api/model-hub/models/{quote(namespace, safe='')}"
            f"/{quote(name, safe='')}/versions/{quote(self._config.version, safe='')}/drift-reports"
        )

    def record(self, row: Mapping[str, Any]) -> None:
        """Adds one input to the current window."""
        with self._lock:
            if self._window_start is None:
                self._window_start = self._now()
            self._rows.append(dict(row))
            full = len(self._rows) >= self._window_rows
        if full:
            self.flush()

    def flush(self, force: bool = False) -> bool:
        """Reports the current window; True when Model Hub stored it."""
        with self._lock:
            if not self._rows or (not force and len(self._rows) < self._min_rows):
                return False
            rows, start = self._rows, self._window_start or self._now()
            self._rows, self._window_start = [], None
        if not self._config.model_hub_token:
            self._log("Drift reports are off: set MODEL_HUB_TOKEN (a Backstage static access token)")
            return False
        body = json.dumps(
            {
                "environment": self._config.environment,
                "windowStart": _iso(start),
                "windowEnd": _iso(self._now()),
                "rows": rows,
            }
        ).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {self._config.model_hub_token}",
        }
        try:
            status, payload = self._transport(self.report_url, body, headers, 10.0)
        except Exception as error:
            self._log(f"Could not send the drift report: {error}")
            return False
        if 200 <= status < 300:
            return True
        self._log(f"Model Hub refused the drift report ({status}): {payload.decode('utf-8', 'replace')}")
        return False

    def start(self) -> None:
        """Reports a window every interval_s seconds, on a daemon thread."""

        def loop() -> None:
            while not self._stopped.wait(self._interval_s):
                self.flush()

        self._thread = threading.Thread(target=loop, name="drift-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stops the thread and reports what is left."""
        self._stopped.set()
        self.flush(force=True)
`;
