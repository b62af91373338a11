"""Where the project's data lives (scenarios, assets), found relative to the source tree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ASSETS = ROOT / "assets"
DEFAULT_SCENARIO = SCENARIOS / "ukraine_guarantees_2025.yaml"


def scenario_files() -> list[Path]:
    """Every scenario shipped in ``scenarios/``, sorted by name."""
    return sorted(SCENARIOS.glob("*.yaml"))
