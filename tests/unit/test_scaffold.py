"""`roleplay new`: every kind and language gives a commented, lint-clean scenario and walkthrough."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from simulator.authoring.lint import lint_paths
from simulator.authoring.scaffold import scaffold, write
from simulator.authoring.walkthrough import load_walkthrough
from simulator.authoring.walkthrough_run import PASSED, run_walkthrough
from simulator.cli import main
from simulator.scenario.schema import published
from simulator.scenario.yaml_source import load_yaml_file

COMBINATIONS = [(k, lang) for k in ("angry", "confused", "vip") for lang in ("en", "zh")]


@pytest.mark.parametrize(("kind", "lang"), COMBINATIONS)
def test_scaffold_is_lint_clean(tmp_path, kind, lang):
    made = scaffold(kind, lang, f"my-{kind}-{lang}", tmp_path)
    write(made)
    report = lint_paths([tmp_path])
    assert [i.render() for i in report.issues] == []
    assert len(report.files) == 2
    text = made.scenario_path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 15
    scenario = next(f.scenario for f in report.files if f.kind == "scenario")
    assert scenario is not None and scenario.kind == kind and scenario.language == lang
    walkthrough = load_yaml_file(made.walkthrough_path).plain()
    validator = Draft202012Validator(published("walkthrough.schema.json"))
    assert list(validator.iter_errors(walkthrough)) == []


@pytest.mark.parametrize(("kind", "lang"), COMBINATIONS)
def test_scaffold_walkthrough_passes(tmp_path, kind, lang):
    made = scaffold(kind, lang, f"my-{kind}-{lang}", tmp_path)
    write(made)
    result = run_walkthrough(load_walkthrough(made.walkthrough_path))
    assert result.status == PASSED, [f.message for f in result.failures]


def test_schema_reference_is_relative_to_the_folder(tmp_path):
    made = scaffold("angry", "en", "x-en", tmp_path / "deep" / "er")
    first = made.scenario_text.splitlines()[0]
    target = first.split("$schema=", 1)[1]
    assert (tmp_path / "deep" / "er" / target).resolve().name == "schema.json"
    assert (tmp_path / "deep" / "er" / target).resolve().is_file()


def test_new_command(tmp_path, capsys):
    args = ["new", "--kind", "vip", "--lang", "en", "--id", "vip-demo-en", "--dir", str(tmp_path)]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert Path(data["scenario"]).name == "vip-demo-en.yaml"
    assert Path(data["walkthrough"]).name == "vip-demo-en.basic.walkthrough.yaml"
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    bad = ["new", "--kind", "vip", "--lang", "en", "--id", "Bad Id", "--dir", str(tmp_path)]
    assert main(bad) == 2
    assert "not a good scenario id" in capsys.readouterr().err


def test_the_scaffold_header_uses_the_right_article() -> None:
    from simulator.authoring.scaffold import scenario_text

    assert "# An angry customer (en)" in scenario_text("angry", "en", "x")
    assert "# A confused customer (zh)" in scenario_text("confused", "zh", "x")
    assert "# A vip customer (en)" in scenario_text("vip", "en", "x")
