"""Model fields shared by every app.

``MessageField`` keeps a :class:`charlie.core.messages.Message` — a text to be shown later in
the reader's language — as its short JSON code (``Message.encode``), and gives it back as a
``Message``, so ``{{ task.description }}`` renders in the language of whoever reads it. A value
that is not a message (a row written before messages, or a user's own words) is kept and given
back as the plain text it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.expressions import Combinable

from charlie.core.messages import Message, decode, encode

if TYPE_CHECKING:
    _CharField = models.CharField[Message | str | Combinable, Message | str]
else:
    _CharField = models.CharField


class MessageField(_CharField):
    """A ``CharField`` that holds a :class:`Message` or plain text (see the module)."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return value if value is None else decode(value)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, Message):
            return value
        return decode(str(value))

    def get_prep_value(self, value: Any) -> Any:
        value = models.Field.get_prep_value(self, value)  # a lazy text becomes a str
        if value is None:
            return None
        return encode(value) if isinstance(value, Message) else str(value)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return encode(value if isinstance(value, Message) else str(value or ""))
