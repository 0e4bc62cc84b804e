"""The ``sdg-portal`` commands, one module each."""

from .analyse import analyse_command
from .check import check_command
from .classify import classify_command
from .codes import codes_command
from .index import index_command
from .new import new_command

COMMANDS = [analyse_command]
COMMANDS += [check_command, codes_command, new_command]
COMMANDS += [classify_command, index_command]
