import pytest

from scoring import yaml_tree
from simulator.errors import ScenarioError
from simulator.scenario.yaml_source import MAX_BYTES, load_yaml_file, parse_yaml
from tests.yaml_loaders import LOADERS


def error_of(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        parse_yaml(text, "t.yaml")
    return info.value


def test_values_keep_their_positions():
    root = parse_yaml("a: 1\nb:\n  - x\n  - 'no'\n", "t.yaml")
    assert root.plain() == {"a": 1, "b": ["x", "no"]}
    item = root.value["b"].value[1]
    assert (item.line, item.column) == (4, 5)
    assert item.quoted


def test_duplicate_key_points_at_the_second_key():
    err = error_of("id: a\ntitle: x\nid: b\n")
    assert err.code == "E011"
    assert (err.location.line, err.location.column) == (3, 1)
    assert "line 1" in err.message


def test_unquoted_no_is_flagged_as_a_yaml11_boolean():
    root = parse_yaml("answer: no\n", "t.yaml")
    assert root.value["answer"].looks_like_yaml11_bool()
    assert root.value["answer"].value is False


def test_syntax_error_names_line_and_column():
    err = error_of("a: b: c\n")
    assert err.code == "E010"
    assert err.location.line == 1 and err.location.column == 5


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", ["[" * 100_000, "{a: " * 5_000, "- " * 3_000 + "x\n"])
def test_deep_nesting_is_e004_with_a_position_whatever_the_loader(monkeypatch, loader, text):
    monkeypatch.setattr(yaml_tree, "_LOADER", loader)
    err = error_of(text)
    assert err.code == "E004"
    assert err.location.line == 1 and err.location.column > 1


def test_alias_bomb_is_refused():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    err = error_of("\n".join(lines) + "\n")
    assert err.code == "E005"


def test_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 10) + b"\n")
    with pytest.raises(ScenarioError) as info:
        load_yaml_file(big)
    assert info.value.code == "E002"


def test_two_documents_are_refused():
    assert error_of("a: 1\n---\nb: 2\n").code == "E014"


def test_empty_file_is_refused():
    assert error_of("").code == "E013"
