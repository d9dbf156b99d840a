"""Layering: the domain (`trainer.core`) and the CLI parser never pull in the heavy libraries.

Each check runs in a fresh interpreter, so modules imported by other tests do not count.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY = ["textual", "sqlmodel", "sqlalchemy", "alembic", "plotext"]


def run_python(code: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


CORE_IMPORTS = f"""
import importlib, json, pkgutil, sys
import trainer.core
imported = ["trainer.core"]
for info in pkgutil.walk_packages(trainer.core.__path__, "trainer.core."):
    importlib.import_module(info.name)
    imported.append(info.name)
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {HEAVY!r})
print(json.dumps({{"imported": imported, "heavy": heavy,
                  "file": trainer.core.__file__}}))
"""


def test_core_imports_no_ui_or_database_library():
    report = run_python(CORE_IMPORTS)
    # The subprocess imported this checkout's package, every module of it.
    assert Path(report["file"]).resolve().parent == REPO / "trainer" / "core"
    expected = {f"trainer.core.{path.stem}" for path in (REPO / "trainer" / "core").glob("*.py")
                if path.stem != "__init__"}
    assert expected <= set(report["imported"])
    assert {"trainer.core.catalog", "trainer.core.entry", "trainer.core.model"} <= expected
    assert report["heavy"] == []


CLI_PARSER = """
import json, sys
import trainer.cli
parser = trainer.cli.build_parser()
args = parser.parse_args(["catalog"])
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {"textual", "plotext"})
print(json.dumps({"prog": parser.prog, "command": args.command, "heavy": heavy}))
"""


def test_cli_parser_does_not_import_textual_or_plotext():
    report = run_python(CLI_PARSER)
    assert (report["prog"], report["command"]) == ("trainer", "catalog")
    assert report["heavy"] == []


FIRST_SCREEN_READS = """
import json, sys
from trainer.services import build_services
services = build_services(sys.argv[1])
view = services.today_view()
services.close()
heavy = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic")})
print(json.dumps({"heavy": heavy, "planned": view.planned}))
"""


def test_opening_an_up_to_date_database_and_reading_today_loads_no_orm(tmp_path):
    """Issue 17.5: the path to the first screen reads with sqlite3 only; SQLAlchemy, SQLModel and
    Alembic load when a migration is due or on the first write."""
    db = tmp_path / "t.db"
    code = "import sys; from trainer.services import build_services; build_services(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=REPO, check=True, timeout=60)
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN_READS, str(db)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["heavy"] == []
