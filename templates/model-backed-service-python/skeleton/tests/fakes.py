"""Test doubles of the HTTP layer: transports that answer like a model
endpoint or Model Hub would, and record what they were sent."""

import json
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple

from app.model import EXAMPLE_INPUT, INPUT_COLUMNS, load_model_config

MODEL_URL = "http://model.test/invocations"
FALLBACK_URL = "http://fallback.test/invocations"
HUB_URL = "http://hub.test"


def test_config(token: str = "test-token", **env: str):
    return load_model_config(
        {
            "MODEL_ENDPOINT": MODEL_URL,
            "MODEL_FALLBACK_ENDPOINT": FALLBACK_URL,
            "MODEL_TIMEOUT_MS": "200",
            "MODEL_HUB_URL": HUB_URL,
            "MODEL_HUB_TOKEN": token,
            "MODEL_HUB_ENVIRONMENT": "test",
            **env,
        }
    )


class FakeTransport:
    """Answers per URL: a (status, body) pair, an exception to raise, or a
    delay in seconds before answering 200 (slower than the timeout)."""

    def __init__(self, answers: Dict[str, Any]) -> None:
        self.answers = answers
        self.calls: List[Tuple[str, Optional[Any], Mapping[str, str]]] = []

    def __call__(
        self, url: str, body: Optional[bytes], headers: Mapping[str, str], timeout: float
    ) -> Tuple[int, bytes]:
        self.calls.append((url, json.loads(body) if body else None, dict(headers)))
        answer = self.answers[url]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, float):
            time.sleep(answer)
            return 200, b'{"predictions": [1]}'
        status, payload = answer
        return status, json.dumps(payload).encode("utf-8")


def input_row(i: int) -> Dict[str, Any]:
    """The i-th of a series of inputs that vary like production data would."""
    if not INPUT_COLUMNS:
        return {"feature": (i % 17) * 1.5}
    row = dict(EXAMPLE_INPUT)
    for column in INPUT_COLUMNS:
        kind = column["kind"]
        if kind == "float":
            row[column["name"]] = (i % 17) * 1.5 + 0.25
        elif kind == "integer":
            row[column["name"]] = i % 11
        elif kind == "boolean":
            row[column["name"]] = i % 2 == 0
        elif kind == "string":
            row[column["name"]] = "abc"[i % 3]
    return row
