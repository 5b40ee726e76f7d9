"""The bot's features, one cog per extension module (python-discord style).

discord.py's ``load_extension`` executes an extension module afresh even when it was imported
before, so extension modules (the ones with ``async def setup(bot)``, listed in
``EXTENSIONS``) are only ever loaded by name, never imported by other modules. The code they
share lives in plain modules beside them (``qa/answering.py``, ``core/errors.py``, …).
"""

EXTENSIONS = (
    "bot.exts.core.health",
    "bot.exts.qa.ask",
    "bot.exts.qa.sources",
    "bot.exts.discussion.overview",
    "bot.exts.admin.reindex",
    "bot.exts.admin.add",
    "bot.exts.admin.watch",
    "bot.exts.admin.stats",
)
