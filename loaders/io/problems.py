"""Problems found in the project's files: where (path, line) and why, in Chinese and English.

The words of every problem are in loaders/io/problems.yaml; `said(key, **values)` gives one in both languages."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.io.language import LANGUAGES, pick, t


@dataclass(frozen=True)
class Text:
    """A phrase in both languages, used as a parameter of a message."""

    zh: str
    en: str

    def pick(self, lang: str) -> str:
        return pick(self.zh, self.en, lang)


def said(key: str, /, **values) -> Text:
    """The message `key` in both languages, its {placeholders} filled; a value that is a Text (a nested message, or
    a name in both languages) gives each language its own words."""

    def filled(lang: str) -> str:
        return t(key, lang, **{name: v.pick(lang) if isinstance(v, Text) else v for name, v in values.items()})

    return Text(*(filled(lang) for lang in LANGUAGES))


def joined(items) -> Text:
    """A list as each language writes one: 甲、乙 / 甲, 乙 (an item that is a Text in its own language)."""
    items = list(items)
    return Text(
        *(
            t("list_separator", lang).join(i.pick(lang) if isinstance(i, Text) else str(i) for i in items)
            for lang in LANGUAGES
        )
    )


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    zh: str
    en: str
    severity: str = "error"  # "error" refuses the file; "warning" only informs

    def message(self, lang: str = "zh") -> str:
        return pick(self.zh, self.en, lang)

    def format(self, lang: str = "zh") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else t("warning_prefix", lang)
        return f"{where}: {prefix}{self.message(lang)}"


def problem(path: str, line: int | None, message: Text, severity: str = "error") -> Problem:
    return Problem(str(path), line, message.zh, message.en, severity)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def capped(problems: list[Problem], shown: int) -> list[Problem]:
    """The first `shown` problems, then one line saying how many more there are (a file of a million bad rows must
    not print a million lines)."""
    if len(problems) <= shown:
        return problems
    rest = problems[shown:]
    severity = "error" if errors(rest) else "warning"
    more = said("more_problems", n=len(rest))
    return problems[:shown] + [Problem(rest[0].path, None, more.zh, more.en, severity)]
