from __future__ import annotations

from grading.simulate.people import ascii_fold, make_roster


def test_roster_is_seeded_unique_and_international() -> None:
    roster = make_roster(200, seed=3)
    assert roster.equals(make_roster(200, seed=3))
    assert not roster.equals(make_roster(200, seed=4))
    assert roster["id"].is_unique and roster["matriculation"].is_unique
    assert roster["id"].str.fullmatch(r"[a-z]{2}\d{3}").all()
    assert roster["email"].map(str.isascii).all()
    assert (~(roster["first_name"] + roster["last_name"]).map(str.isascii)).any()


def test_ascii_fold() -> None:
    assert ascii_fold("Jürgen Øvrebø") == "jurgen ovrebo"
    assert ascii_fold("Łukasz Yılmaz") == "lukasz yilmaz"
    assert ascii_fold("Weiß") == "weiss"
