"""Builds version.json, the input of `model-hub publish`, from what the
training job left in artifacts/ (standard library only):

  artifacts/metrics.json    [{"name": "auc", "value": 0.81, "slice": "...", "dataset": "..."}]
  artifacts/signature.json  {"inputs": [{"name": "income", "type": "double"}], "outputs": [...]}
  artifacts/reference.csv   a sample of the reference data (header row), or reference.json
                            (a list of records): Model Hub measures production drift against it
  artifacts/drift-settings.json  optional: the drift terms production windows are judged by,
                            {"methods": {"plan": "jensenshannon"}, "thresholds": {"tenure": 0.05}}
                            (a submission can only make them stricter)

  python3 scripts/build_version.py --version 1.2.0 --artifact-uri s3://models/x/1.2.0 --out version.json
"""

import argparse
import csv
import json
import random
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

CASTS = {
    "double": float, "float": float, "number": float,
    "long": int, "integer": int, "int": int,
    "boolean": lambda text: text.strip().lower() in ("true", "1", "yes"),
}


def read_reference(directory: Path, signature: Dict[str, Any]) -> List[Dict[str, Any]]:
    json_file, csv_file = directory / "reference.json", directory / "reference.csv"
    if json_file.exists():
        return json.loads(json_file.read_text())
    if not csv_file.exists():
        raise SystemExit(f"{csv_file} (or reference.json) is missing: publish a drift reference with the version")
    types = {c["name"]: c.get("type", "string") for c in signature.get("inputs", [])}
    rows = []
    with csv_file.open(newline="") as handle:
        for record in csv.DictReader(handle):
            row: Dict[str, Any] = {}
            for name, text in record.items():
                cast = CASTS.get(types.get(name, "string"))
                row[name] = None if text in ("", "NA", "NaN", "null") else (cast(text) if cast else text)
            rows.append(row)
    return rows


def build(version: str, artifact_uri: str, directory: Path, max_rows: int,
          training_run_url: Optional[str]) -> Dict[str, Any]:
    metrics = json.loads((directory / "metrics.json").read_text())
    signature = json.loads((directory / "signature.json").read_text())
    rows = read_reference(directory, signature)
    if not rows:
        raise SystemExit("the reference data is empty")
    if len(rows) > max_rows:
        rows = random.Random(version).sample(rows, max_rows)  # reproducible per version
    description: Dict[str, Any] = {
        "version": version,
        "artifactUri": artifact_uri,
        "metrics": metrics,
        "signature": signature,
        "referenceProfile": {"rows": rows},
    }
    if training_run_url:
        description["trainingRunUrl"] = training_run_url
    drift_settings = directory / "drift-settings.json"
    if drift_settings.exists():
        description["driftSettings"] = json.loads(drift_settings.read_text())
    return description


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", required=True, help="e.g. 1.2.0 (a leading v is dropped)")
    parser.add_argument("--artifact-uri", required=True, help="where the trained artifact is stored")
    parser.add_argument("--artifacts", default="artifacts", help="directory with the files above")
    parser.add_argument("--max-reference-rows", type=int, default=5000)
    parser.add_argument("--training-run-url")
    parser.add_argument("--out", default="version.json")
    args = parser.parse_args(argv)
    version = args.version[1:] if args.version.startswith("v") else args.version
    description = build(version, args.artifact_uri, Path(args.artifacts),
                        args.max_reference_rows, args.training_run_url)
    Path(args.out).write_text(json.dumps(description, indent=2))
    print(f"{args.out}: version {version}, {len(description['metrics'])} metrics, "
          f"{len(description['referenceProfile']['rows'])} reference rows", file=sys.stderr)


if __name__ == "__main__":
    main()
