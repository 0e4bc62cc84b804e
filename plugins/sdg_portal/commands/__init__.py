"""The ``sdg-portal`` commands, one module each."""

from .analyse import analyse_command

COMMANDS = [analyse_command]
