from pathlib import Path

from relgraph.io.reference import render_reference

ROOT = Path(__file__).resolve().parents[2]


def test_data_format_doc_is_up_to_date() -> None:
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert doc.strip() == render_reference().strip(), (
        "docs/data-format.md is stale: run `python -m relgraph.io.reference > docs/data-format.md`"
    )
