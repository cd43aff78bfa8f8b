import io
import json
import time
import unittest
import urllib.error
from unittest import mock

from app.model import (
    EXAMPLE_INPUT,
    MODEL_REF,
    MODEL_VERSION,
    InputValidationError,
    ModelClient,
    ModelUnavailableError,
    urllib_transport,
    validate_input,
)
from tests.fakes import FALLBACK_URL, MODEL_URL, FakeTransport, test_config


class ClientTest(unittest.TestCase):
    def client(self, model, fallback=(200, {"predictions": [0.5]})):
        transport = FakeTransport({MODEL_URL: model, FALLBACK_URL: fallback})
        client = ModelClient(test_config(), transport=transport)
        self.addCleanup(client.close)
        return client, transport

    def test_calls_the_pinned_version(self):
        client, transport = self.client((200, {"predictions": [0.25]}))
        prediction = client.predict(EXAMPLE_INPUT)
        self.assertEqual(prediction.served_by, "primary")
        self.assertEqual(prediction.model_ref, MODEL_REF)
        self.assertEqual(prediction.version, MODEL_VERSION)
        self.assertEqual(list(prediction.output.values()), [0.25])
        url, body, headers = transport.calls[0]
        self.assertEqual(url, MODEL_URL)
        self.assertEqual(body, {"dataframe_records": [EXAMPLE_INPUT]})
        self.assertEqual(headers["X-Model-Version"], MODEL_VERSION)

    def test_falls_back_on_error(self):
        client, transport = self.client((500, {"error": "boom"}))
        prediction = client.predict(EXAMPLE_INPUT)
        self.assertEqual(prediction.served_by, "fallback")
        self.assertEqual([call[0] for call in transport.calls], [MODEL_URL, FALLBACK_URL])

    def test_falls_back_on_unreachable_model(self):
        client, _ = self.client(urllib.error.URLError("connection refused"))
        self.assertEqual(client.predict(EXAMPLE_INPUT).served_by, "fallback")

    def test_falls_back_when_slower_than_the_timeout(self):
        client, _ = self.client(1.0)
        started = time.monotonic()
        self.assertEqual(client.predict(EXAMPLE_INPUT).served_by, "fallback")
        self.assertLess(time.monotonic() - started, 0.9)

    def test_says_why_when_the_fallback_fails_too(self):
        client, _ = self.client((500, {}), fallback=(503, {}))
        with self.assertRaisesRegex(ModelUnavailableError, "answered 500, and the fallback .* answered 503"):
            client.predict(EXAMPLE_INPUT)

    def test_refuses_input_that_is_not_a_record(self):
        self.assertEqual(validate_input(dict(EXAMPLE_INPUT)), EXAMPLE_INPUT)
        with self.assertRaisesRegex(InputValidationError, "JSON object of columns"):
            validate_input([1, 2, 3])


class UrllibTransportTest(unittest.TestCase):
    """The default transport, with urllib's urlopen mocked."""

    def test_posts_json_and_reads_the_answer(self):
        response = mock.MagicMock(status=200)
        response.read.return_value = b'{"predictions": [1]}'
        response.__enter__.return_value = response
        with mock.patch("urllib.request.urlopen", return_value=response) as urlopen:
            status, body = urllib_transport(MODEL_URL, b"{}", {"Content-Type": "application/json"}, 2.0)
        self.assertEqual((status, json.loads(body)), (200, {"predictions": [1]}))
        request = urlopen.call_args.args[0]
        self.assertEqual((request.get_method(), request.full_url), ("POST", MODEL_URL))
        self.assertEqual(urlopen.call_args.kwargs["timeout"], 2.0)

    def test_returns_http_errors_as_statuses(self):
        error = urllib.error.HTTPError(MODEL_URL, 503, "unavailable", {}, io.BytesIO(b"down"))
        with mock.patch("urllib.request.urlopen", side_effect=error):
            self.assertEqual(urllib_transport(MODEL_URL, None, {}, 2.0), (503, b"down"))


if __name__ == "__main__":
    unittest.main()
