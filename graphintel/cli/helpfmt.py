"""Help text as people expect it: ``--dry-run`` (no ``<bool>``), ``--seed INTEGER``,
``--remove PERSON``, ``PATH...`` (not ``<list[Path]>`` or ``{name}``).

The app uses Typer's plain help (``rich_markup_mode=None``: quick to start, readable in any
terminal and when piped). Typer labels types as ``<str>``, ``<int>``, ``<list[str]>``; this
module relabels them the way click does, once, at import.

It also spares every command a 0.15 s import: Typer coerces an unset flag's value (None)
through pydantic, which it loads for that; an unset flag is simply False here (the help and
completion flags included), so pydantic is never loaded by the command line.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption

_LABELS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH",
           "list[str]": "TEXT", "list[Path]": "PATH", "list[int]": "INTEGER",
           "str,str": "TEXT TEXT"}
_option_type = TyperOption.display_type_rich
_process_value = TyperOption.process_value


def _label(text: str | None) -> str | None:
    if text is None:
        return None
    inner = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    return _LABELS.get(inner, inner)


def _option(self: TyperOption, ctx: Any) -> str | None:
    if self.is_flag and not self.count:
        return None
    return _label(_option_type(self, ctx))


def _argument(self: TyperArgument, ctx: Any) -> str | None:
    return None


def _name(self: TyperArgument) -> str:
    name = self.display_name_raw
    name = name if self.metavar is not None else name.upper()
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _usage(self: TyperArgument) -> str:
    return _name(self) if self.required else f"[{_name(self)}]"


def _flag_value(self: TyperOption, ctx: Any, value: Any) -> Any:
    if value is None and self.is_flag and not self.count \
            and self.type_descriptor.annotation is bool:
        value = False
    return _process_value(self, ctx, value)


TyperOption.display_type_rich = _option  # type: ignore[method-assign]
TyperOption.process_value = _flag_value  # type: ignore[method-assign,assignment]
TyperArgument.display_type_rich = _argument  # type: ignore[method-assign,assignment]
TyperArgument._usage_display_name = _usage  # type: ignore[method-assign]
TyperArgument._rich_display_name = _name  # type: ignore[method-assign]
