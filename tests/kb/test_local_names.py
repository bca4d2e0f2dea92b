import pytest

from rasad.kb import local_names
from rasad.model import Entity
from rasad.names import render


class _CountingRenderer:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def render_many(self, names: list[str]) -> list[str]:
        self.batches.append(list(names))
        return ["" for _ in names]


def test_english_names_of_a_document_are_decoded_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = _CountingRenderer()
    monkeypatch.setattr(render, "default_renderer", lambda: renderer)
    monkeypatch.setattr(local_names, "_render", lambda run: run.upper() if run.isascii() else f"<{run}>")
    monkeypatch.setattr(local_names, "_rendered", set())
    known = {"محمد": "Mohammed"}
    entities = [
        Entity("local:1", "PER", "محمد زبيرقان الهمذاني", None),
        Entity("Q1", "GPE", "روسيا", "Russia", in_kb=True),
        Entity("local:2", "ORG", "شركة قرطاج محمد", None),
        Entity("local:3", "PER", "زبيرقان", "Already"),
    ]
    named = local_names.with_english_names(entities, known)
    assert [e.name_en for e in named] == ["Mohammed <زبيرقان الهمذاني>", "Russia", "<شركة قرطاج> Mohammed", "Already"]
    assert named[1] is entities[1] and named[3] is entities[3]  # nothing to do for KB or already named ones
    # one call for the whole document, each run once, the known word never sent
    assert renderer.batches == [["زبيرقان الهمذاني", "شركة قرطاج"]]
    local_names.with_english_names(entities, known)
    assert len(renderer.batches) == 1  # runs already decoded are not sent again


def test_romanize_keeps_known_spellings_between_rendered_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_names, "_render", lambda run: f"<{run}>")
    known = {"عبد": "Abd", "الله": "Allah"}
    assert local_names.romanize("عبد الله زبير", known) == "Abd Allah <زبير>"
    assert local_names.romanize("زبير بن عبد", known) == "<زبير بن> Abd"
    assert local_names.romanize("", known) == ""
