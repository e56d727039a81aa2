"""A small valid scenario as text, for tests that need to break it one way at a time."""

MINIMAL = """\
id: tiny-en
version: "1"
title: Tiny
language: en
channel: chat
persona:
  name: Sam Lee
  kind: angry
  names: [Sam]
briefing: A tiny scenario.
facts:
  - id: no_mail
    summary: No mail since nine
    keywords: ["no mail|no email", "since nine"]
initial: opening
patience: {start: 2}
timing: {reply_target: 30, first_reply_target: 20, silence_after: 60}
states:
  opening:
    mood: -2
    reveals: [no_mail]
    lines: ["My mail is broken!", "No mail since nine!"]
  calmer:
    mood: 0
    lines: ["Okay. What now?", "Fine. And?"]
  resolved:
    terminal: resolved
    mood: 2
    lines: ["Thanks."]
  hung_up:
    terminal: hung_up
    mood: -2
    lines: ["Bye. [click]"]
transitions:
  - from: "*"
    on: avoided
    patience: -1
    say: ["Excuse me?!"]
  - from: opening
    on: empathy
    to: calmer
  - from: calmer
    on: eta
    if: {facts_restated: [no_mail]}
    to: resolved
  - from: calmer
    on: eta
    say: ["Do you even know what my problem is?"]
  - from: "*"
    on: /escalate
    if: {target: [second_line], note_covers: [no_mail]}
    to: resolved
"""
