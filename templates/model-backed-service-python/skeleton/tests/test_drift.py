import unittest
from urllib.parse import quote

from app.model import MODEL_REF, MODEL_VERSION, DriftMonitor
from tests.fakes import HUB_URL, FakeTransport, input_row, test_config

NAMESPACE, NAME = MODEL_REF.split(":", 1)[1].split("/", 1)
REPORT_URL = (
    f"{HUB_URL}/api/model-hub/models/{NAMESPACE}/{NAME}/versions/{quote(MODEL_VERSION, safe='')}/drift-reports"
)


class DriftMonitorTest(unittest.TestCase):
    def monitor(self, token="test-token", answer=(201, {"status": "ok"}), **options):
        transport = FakeTransport({REPORT_URL: answer})
        logs = []
        monitor = DriftMonitor(test_config(token=token), transport=transport, log=logs.append, **options)
        return monitor, transport, logs

    def test_reports_a_window_of_rows_to_model_hub(self):
        monitor, transport, _ = self.monitor()
        for i in range(40):
            monitor.record(input_row(i))
        self.assertTrue(monitor.flush())
        url, body, headers = transport.calls[0]
        self.assertEqual(url, REPORT_URL)
        self.assertEqual(headers["Authorization"], "Bearer test-token")
        self.assertEqual(body["environment"], "test")
        self.assertLessEqual(body["windowStart"], body["windowEnd"])
        self.assertEqual(body["rows"], [input_row(i) for i in range(40)])

    def test_sends_a_full_window_at_once(self):
        monitor, transport, _ = self.monitor(window_rows=50)
        for i in range(120):
            monitor.record(input_row(i))
        self.assertEqual([len(call[1]["rows"]) for call in transport.calls], [50, 50])

    def test_waits_for_enough_rows_and_sends_the_rest_when_stopped(self):
        monitor, transport, _ = self.monitor()
        monitor.record(input_row(1))
        self.assertFalse(monitor.flush())
        monitor.stop()
        self.assertEqual(len(transport.calls), 1)

    def test_sends_nothing_without_a_token(self):
        monitor, transport, logs = self.monitor(token="")
        for i in range(40):
            monitor.record(input_row(i))
        self.assertFalse(monitor.flush())
        self.assertEqual(transport.calls, [])
        self.assertIn("MODEL_HUB_TOKEN", logs[0])

    def test_survives_model_hub_refusing_or_being_down(self):
        refused, _, logs = self.monitor(answer=(409, {"error": "no reference"}))
        down, _, _ = self.monitor(answer=ConnectionError("down"))
        for monitor in (refused, down):
            for i in range(40):
                monitor.record(input_row(i))
            self.assertFalse(monitor.flush())
        self.assertIn("409", logs[0])


if __name__ == "__main__":
    unittest.main()
