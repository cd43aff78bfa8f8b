"""python -m app: serves the model on PORT (default 8080)."""

import logging
import os
import signal

from .model import DriftMonitor, ModelClient, load_model_config
from .server import create_server


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    config = load_model_config()
    client = ModelClient(
        config,
        on_fallback=lambda error: logging.warning(
            "%s %s failed (%s); answering with the fallback %s",
            config.model_ref,
            config.version,
            error,
            config.fallback.model_ref if config.fallback else None,
        ),
    )
    drift = DriftMonitor(
        config,
        window_rows=int(os.environ.get("DRIFT_WINDOW_ROWS") or 1000),
        interval_s=float(os.environ.get("DRIFT_INTERVAL_S") or 900),
        log=logging.warning,
    )
    drift.start()
    server = create_server(config, client, drift, port=int(os.environ.get("PORT") or 8080))
    signal.signal(signal.SIGTERM, _stop)
    logging.info("Listening on port %s: %s %s (%s)", server.server_port, config.model_ref, config.version, config.environment)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        drift.stop()  # reports the last window before leaving
        client.close()


if __name__ == "__main__":
    main()
