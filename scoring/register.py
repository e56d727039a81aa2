"""Register: how formal a desk is expected to be, which decides what counts as informal address.

One global rule fits no organisation: "Hi Sam," opens every chat at a software company
and is too casual on a bank's phone line; 亲 is the house style of e-commerce chat and
out of place at a hospital IT desk. So each phrasebook rule about address may say from
which register up it applies (``register: formal`` — only on formal desks;
``register: standard`` — on standard and formal ones), and each reply is read in the
register of its channel or scenario.

* ``formal`` — phone and email, internal IT desks, banks, public services: "Hi"/"Hey"
  as the greeting, 喂, 亲 and terms of endearment are informal address.
* ``standard`` — chat: "Hi"/"Hi Sam" is fine; "Hey", 亲 and endearments are not.
* ``casual`` — consumer e-commerce and social-media support: "Hey" and 亲 are the house
  style; endearments and slang ("mate", "darling", 哥们, 美女) are still informal.
"""

from __future__ import annotations

REGISTERS: tuple[str, ...] = ("casual", "standard", "formal")
DEFAULT_REGISTER = "formal"
AUDIENCES: tuple[str, ...] = ("internal", "consumer")
# What a scenario's audience and channel imply when it does not name a register: an
# internal IT desk is formal on every channel; consumer support is formal on the phone and
# standard in chat and email. `casual` is always chosen explicitly (e-commerce chat).
DEFAULT_REGISTERS: dict[tuple[str, str], str] = {
    ("internal", "phone"): "formal",
    ("internal", "email"): "formal",
    ("internal", "chat"): "formal",
    ("consumer", "phone"): "formal",
    ("consumer", "email"): "standard",
    ("consumer", "chat"): "standard",
}


def register_rank(register: str) -> int:
    """0 for casual, 1 standard, 2 formal (unknown names rank as formal)."""
    try:
        return REGISTERS.index(register)
    except ValueError:
        return len(REGISTERS) - 1


def applies(rule_register: str | None, reply_register: str) -> bool:
    """A rule for ``rule_register`` and up applies to a reply read in ``reply_register``."""
    return rule_register is None or register_rank(reply_register) >= register_rank(rule_register)


def default_register(audience: str, channel: str) -> str:
    """The register a scenario gets when it does not name one."""
    return DEFAULT_REGISTERS.get((audience, channel), DEFAULT_REGISTER)
