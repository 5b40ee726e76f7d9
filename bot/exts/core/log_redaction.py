"""Keeping secrets out of the logs: the bot token and interaction tokens.

discord.py logs request URLs (interaction webhooks carry their token in the path) and, at
DEBUG, whole gateway payloads (INTERACTION_CREATE carries ``"token"``). The filter is installed
on the handlers, so it sees every record, whichever logger it comes from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# interaction tokens: in webhook/callback URLs, and as "token" in gateway payloads
_TOKEN_IN_URL = re.compile(r"(/(?:webhooks|interactions)/\d+/)([^/\s?\"']+)")
_TOKEN_FIELD = re.compile(r"""(["']token["']\s*:\s*["'])([^"']+)""")
REDACTED = "<redacted>"


class SecretRedactor(logging.Filter):
    """Removes the bot token and interaction tokens (in webhook URLs and gateway payloads)
    from log records, including the ones discord.py itself logs at DEBUG about HTTP requests
    and gateway events."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        text = _TOKEN_IN_URL.sub(rf"\1{REDACTED}", text)
        return _TOKEN_FIELD.sub(rf"\1{REDACTED}", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it
            return True
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def install_log_redaction(token: str) -> SecretRedactor:
    """Add a ``SecretRedactor`` to every handler of the root logger (creating one if none)."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redactor = SecretRedactor([token])
    for handler in root.handlers:
        handler.addFilter(redactor)
    return redactor
