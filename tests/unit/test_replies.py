import pytest

from simulator.engine.replies import load_replies, parse_replies
from simulator.errors import RepliesError


def test_timing_prefix_and_commands():
    entries = parse_replies(
        "[+42s] I'm sorry\n\n  /escalate second_line VPN drops\n[+1.5s] /hold\n/end\n"
    )
    assert [e.seconds for e in entries] == [42.0, None, 1.5, None]
    assert entries[0].text == "I'm sorry" and entries[0].line == 1
    assert (entries[1].command, entries[1].target, entries[1].note) == (
        "escalate",
        "second_line",
        "VPN drops",
    )
    assert entries[1].line == 3
    assert entries[2].command == "hold" and entries[3].command == "end"


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("[+4x2s] hi", "R001", 1),
        ("ok\n/escalte second_line x", "R003", 1),
        ("/escalate", "R004", 1),
        ("  /escalate secnd_line note", "R005", 13),
        ("[+3s]   ", "R002", 9),
    ],
)
def test_bad_lines_name_line_and_column(text, code, column):
    with pytest.raises(RepliesError) as info:
        parse_replies(text, "r.txt")
    err = info.value
    assert err.code == code
    assert err.location.column == column
    assert err.location.line == text.count("\n") + 1


def test_missing_file(tmp_path):
    with pytest.raises(RepliesError) as info:
        load_replies(tmp_path / "nope.txt")
    assert info.value.code == "R010"


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"fine\n\xff\xfe bad\n")
    with pytest.raises(RepliesError) as info:
        load_replies(path)
    assert info.value.location.line == 2
