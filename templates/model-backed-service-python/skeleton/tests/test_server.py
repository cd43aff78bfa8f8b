import json
import threading
import unittest
import urllib.error
import urllib.request

from app.model import EXAMPLE_INPUT, MODEL_REF, MODEL_VERSION, ModelClient
from app.server import create_server
from tests.fakes import FALLBACK_URL, MODEL_URL, FakeTransport, test_config


class ServerTest(unittest.TestCase):
    """The HTTP service on a local port; the model's HTTP layer is faked."""

    def setUp(self):
        self.config = test_config()
        self.transport = FakeTransport(
            {MODEL_URL: (200, {"predictions": [0.25]}), FALLBACK_URL: (200, {"predictions": [0.5]})}
        )
        self.recorded = []
        drift = type("Recorder", (), {"record": lambda _, row: self.recorded.append(row)})()
        client = ModelClient(self.config, transport=self.transport)
        self.server = create_server(self.config, client, drift, host="127.0.0.1", port=0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.addCleanup(client.close)
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)

    def request(self, path, body=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        try:
            with urllib.request.urlopen(urllib.request.Request(self.url + path, data=data)) as res:
                return res.status, json.loads(res.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def test_predicts_with_the_pinned_version_and_records_the_input(self):
        status, body = self.request("/predict", EXAMPLE_INPUT)
        self.assertEqual(status, 200)
        self.assertEqual((body["servedBy"], body["modelRef"], body["version"]), ("primary", MODEL_REF, MODEL_VERSION))
        self.assertEqual(self.recorded, [EXAMPLE_INPUT])

    def test_answers_from_the_fallback_when_the_model_fails(self):
        self.transport.answers[MODEL_URL] = (500, {})
        status, body = self.request("/predict", EXAMPLE_INPUT)
        self.assertEqual((status, body["servedBy"]), (200, "fallback"))

    def test_answers_503_when_both_fail(self):
        self.transport.answers[MODEL_URL] = (500, {})
        self.transport.answers[FALLBACK_URL] = (500, {})
        with self.assertLogs("service", "WARNING") as logs:
            status, body = self.request("/predict", EXAMPLE_INPUT)
        self.assertEqual(status, 503)
        self.assertIn("fallback", body["error"])
        self.assertIn("fallback", logs.output[0])

    def test_refuses_bad_input(self):
        self.assertEqual(self.request("/predict", [1, 2])[0], 400)
        self.assertEqual(self.request("/predict", b"{")[0], 400)
        self.assertEqual(self.recorded, [])

    def test_says_which_version_it_pins(self):
        status, body = self.request("/healthz")
        self.assertEqual(status, 200)
        self.assertEqual((body["model"], body["version"]), (MODEL_REF, MODEL_VERSION))


if __name__ == "__main__":
    unittest.main()
