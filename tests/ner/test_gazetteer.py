from pathlib import Path

from rasad.ner.gazetteer import Gazetteer, kb_entries

HEADER = "id\twikidata\tlabel\tname_en\tname_ar\taliases_ar\tcountry\tlat\tlon\tkind\tparent\tnote\n"


def write_kb(tmp_path: Path) -> Path:
    (tmp_path / "people.tsv").write_text(
        HEADER + "kb:ban-ki-moon\t\tPER\tBan Ki-moon\tبان كي مون\tبان كي-مون\tKR\t\t\torg_leader\t\tUN SG 2007–2016\n",
        encoding="utf-8")
    (tmp_path / "organizations.tsv").write_text(
        HEADER + "kb:arsenal\t\tORG\tArsenal FC\tنادي أرسنال\tأرسنال|آرسنال\tGB\t\t\tsports_club\t\tLondon club\n",
        encoding="utf-8")
    return tmp_path


def test_kb_names_become_gazetteer_entries_with_person_name_parts(tmp_path: Path) -> None:
    entries = kb_entries(write_kb(tmp_path))
    assert (("بان", "كي", "مون"), "KPER") in entries
    assert (("بان",), "PFIRST") in entries and (("مون",), "PLAST") in entries
    assert (("ارسنال",), "KORG") in entries  # normalised: hamza-alef and madda folded
    assert (("نادي", "ارسنال"), "KORG") in entries
    # organisation names lend their own parts, never person-name parts
    assert (("نادي",), "OFIRST") in entries and (("ارسنال",), "OLAST") in entries
    assert not any(kind in ("PFIRST", "PLAST") and phrase == ("نادي",) for phrase, kind in entries)


def test_kb_entries_match_multi_word_names_with_a_clitic(tmp_path: Path) -> None:
    gazetteer = Gazetteer(sorted(kb_entries(write_kb(tmp_path))))
    tokens = ["وبان", "كي", "مون", "يزور", "لندن"]
    matches = gazetteer.match(tokens, [("وبان", "بان"), ("كي",), ("مون",), ("يزور",), ("لندن",)])
    assert matches[:3] == ["B-KPER", "I-KPER", "I-KPER"] and matches[3] is None


def test_shipped_kb_feeds_the_gazetteer() -> None:
    kinds = {kind for _, kind in kb_entries()}
    assert {"KPER", "KORG", "KLOC", "PFIRST", "PLAST", "OFIRST", "OLAST"} <= kinds


def test_longest_phrase_wins_among_names_sharing_their_first_two_words() -> None:
    gazetteer = Gazetteer([(("الاتحاد", "الاوروبي"), "KORG"), (("الاتحاد", "الاوروبي", "لكره", "القدم"), "KORG"),
                           (("الاتحاد", "الافريقي"), "KORG"), (("الاتحاد",), "KORG")])
    tokens = ["الاتحاد", "الاوروبي", "لكره", "القدم", "و", "الاتحاد", "الافريقي", "الاتحاد"]
    matches = gazetteer.match(tokens, [(t,) for t in tokens])
    assert matches == ["B-KORG", "I-KORG", "I-KORG", "I-KORG", None, "B-KORG", "I-KORG", None]
