"""The subcommands of ``charlie skills`` (``management/commands/skills.py`` dispatches to them):
each module has ``add_arguments(parser)`` and ``run(options, out)``."""
