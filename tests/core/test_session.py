

def test_the_easier_variation_never_drops_a_load_the_level_needs():
    """Issue 15.4 with 6.9.5: the band above the knees at its lightest colour had "body weight"
    offered as easier; it is the level below, or nothing at the first level."""
    from pathlib import Path

    from trainer.core.catalog import parse_catalog
    from trainer.core.model import Load
    from trainer.core.progression import Prescription
    from trainer.core.session import easier_variation

    path = Path(__file__).parents[2] / "catalog.toml"
    walk = parse_catalog(path.read_text(encoding="utf-8"), source=str(path)).get("banded-lateral-walk")
    bands = ("yellow", "red", "green")
    lightest = Load(band="yellow")
    assert easier_variation(walk, Prescription(1, lightest, 2, 10, 15), bands) is None
    lower = easier_variation(walk, Prescription(2, lightest, 2, 10, 15), bands)
    assert lower is not None and (lower.level, lower.load) == (1, lightest)
    assert easier_variation(walk, Prescription(1, Load(band="red"), 2, 10, 15), bands).load == lightest
