"""The bot's features, one cog per module (python-discord style).

Every module below this package that defines ``async def setup(bot)`` is an extension and is
loaded at start-up; other modules hold the helpers those extensions share.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator


def walk_extensions() -> Iterator[str]:
    """Dotted names of the extension modules, in a stable order."""
    for module_info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if module_info.ispkg:
            continue
        module = importlib.import_module(module_info.name)
        if inspect.iscoroutinefunction(getattr(module, "setup", None)):
            yield module_info.name
